/**
 * Proof of work with Altcha (altcha-lib v2, "deterministic effort" mode): the server picks a secret counter, derives a
 * PBKDF2 key for it and hands out only the key's first half and an HMAC of the whole key. The browser must try counters
 * from 0 upwards until it finds one whose key starts with that half (about `complexity × ¾` PBKDF2 runs of `cost`
 * iterations each); the server checks the answer with one HMAC. Challenges are signed (so their parameters cannot be
 * eased), expire after `ttlSeconds`, and are accepted once: a used challenge's signature is remembered until it expires.
 *
 * The HMAC keys are derived from the keyring's current key (HKDF, one purpose each); the key id travels inside the signed
 * challenge, so challenges issued just before a key rotation still verify with the older key.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createChallenge as createAltchaChallenge, randomInt, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { deriveSecret } from '#src/features/crypto/derive-secret.server.ts';
import type { DataKey, Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import type { AntiAbuseStore } from './store.server.ts';

/** The one algorithm issued and accepted: native in every browser (WebCrypto) and in Node, no WebAssembly needed. */
export const POW_ALGORITHM = 'PBKDF2/SHA-256';

/** What `createChallenge` returns and `/api/challenge` sends: altcha-lib v2's challenge (parameters and signature). */
export type { Challenge } from 'altcha-lib';

/** Defaults: about 0.3 s on one server core, 1–3 s on a low-end phone, spent while the person reads or types. */
export const DEFAULT_POW_COMPLEXITY = 2000;
export const DEFAULT_POW_COST = 1000;
export const DEFAULT_POW_TTL_SECONDS = 10 * 60;
/**
 * The highest level of a harder challenge: level L asks for (1 + L) times the usual work, so at most 32 times (about
 * 10 s on one server core, half a minute to a minute and a half on a low-end phone).
 */
export const MAX_POW_LEVEL = 31;

// A payload is a few hundred characters; anything far larger is not ours and is not parsed.
const MAX_PAYLOAD_CHARS = 8192;

export interface ProofOfWorkOptions {
  keyring: Keyring;
  store: AntiAbuseStore;
  /** Defaults to the store's clock. */
  clock?: Clock;
  /** Highest secret counter; the counter is drawn from [complexity/2, complexity]. Tests use ~10. */
  complexity?: number;
  /** PBKDF2 iterations per attempt. Tests use 1. */
  cost?: number;
  /** How long a challenge may be solved and submitted. */
  ttlSeconds?: number;
}

/** Why a proof was refused. */
export type ProofFailure = 'missing' | 'invalid' | 'expired' | 'reused';

/** `level`: the signed level of a harder challenge (absent for the usual one). */
export type ProofVerdict = { ok: true; level?: number } | { ok: false; reason: ProofFailure };

export interface ProofOfWork {
  /**
   * A new signed, expiring challenge for the browser; `level` (0 to MAX_POW_LEVEL) makes it (1 + level) times harder
   * and is signed into it, so a solved one proves that much work (the gate lets such a proof past a busy address's
   * limit: gate.server.ts).
   */
  createChallenge(level?: number): Promise<Challenge>;
  /**
   * Checks a submitted `altcha` value (base64 of `{ challenge, solution }`, as the Altcha widget and our island send it;
   * a decoded object is accepted too) and, when it is good, marks it used.
   */
  verifyPayload(payload: unknown): Promise<ProofVerdict>;
}

interface Secrets {
  signature: string;
  keySignature: string;
  /** The same secrets as HMAC keys, made once (a key per HMAC costs more than the HMAC itself). */
  signatureKey: KeyObject;
  keySignatureKey: KeyObject;
}

/** Creates the proof-of-work service. */
export function createProofOfWork(options: ProofOfWorkOptions): ProofOfWork {
  const { keyring, store } = options;
  const clock = options.clock ?? store.clock;
  const complexity = options.complexity ?? DEFAULT_POW_COMPLEXITY;
  const cost = options.cost ?? DEFAULT_POW_COST;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_POW_TTL_SECONDS;
  if (!Number.isInteger(complexity) || complexity < 1)
    throw new RangeError(`proof of work: complexity must be a whole number ≥ 1 (got ${complexity})`);
  if (!Number.isInteger(cost) || cost < 1)
    throw new RangeError(`proof of work: cost must be a whole number ≥ 1 (got ${cost})`);

  const secretsByKey = new Map<string, Secrets>();
  const secretsFor = (key: DataKey): Secrets => {
    let secrets = secretsByKey.get(key.id);
    if (secrets === undefined) {
      const signature = deriveSecret(key, 'anti-abuse:altcha-challenge-signature').toString('hex');
      const keySignature = deriveSecret(key, 'anti-abuse:altcha-key-signature').toString('hex');
      secrets = {
        signature,
        keySignature,
        // altcha-lib keys its HMACs with the UTF-8 bytes of the secret string.
        signatureKey: createSecretKey(Buffer.from(signature, 'utf8')),
        keySignatureKey: createSecretKey(Buffer.from(keySignature, 'utf8')),
      };
      secretsByKey.set(key.id, secrets);
    }
    return secrets;
  };

  return {
    async createChallenge(level = 0) {
      const secrets = secretsFor(keyring.current);
      const harder = Math.max(0, Math.min(MAX_POW_LEVEL, Math.floor(level)));
      const most = complexity * (1 + harder);
      return createAltchaChallenge({
        algorithm: POW_ALGORITHM,
        cost,
        counter: randomInt(most, Math.max(1, Math.ceil(most / 2))),
        deriveKey,
        expiresAt: new Date(clock.now().getTime() + ttlSeconds * 1000),
        data: harder === 0 ? { kid: keyring.current.id } : { kid: keyring.current.id, level: harder },
        hmacSignatureSecret: secrets.signature,
        hmacKeySignatureSecret: secrets.keySignature,
      });
    },

    async verifyPayload(payload) {
      if (payload === undefined || payload === null || payload === '') return { ok: false, reason: 'missing' };
      const parsed = parsePayload(payload);
      if (parsed === undefined) return { ok: false, reason: 'invalid' };
      const { challenge } = parsed;
      const { parameters } = challenge;

      const nowSeconds = clock.now().getTime() / 1000;
      if (parameters.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
      const key = keyring.byId.get(parameters.data.kid);
      if (key === undefined) return { ok: false, reason: 'invalid' };
      const secrets = secretsFor(key);

      if (!verifySignedSolution(parsed, secrets)) return { ok: false, reason: 'invalid' };

      // Single use: the signature identifies the challenge; remember it until the challenge could no longer verify.
      const fresh = await store.claimOnce(`pow:${challenge.signature}`, parameters.expiresAt - nowSeconds + 1);
      if (!fresh) return { ok: false, reason: 'reused' };
      const level = parameters.data.level;
      return level === undefined ? { ok: true } : { ok: true, level };
    },
  };
}

/**
 * altcha-lib's `verifySolution` for the challenges this server issues (deterministic, with a key signature: its "4a"
 * path), on `node:crypto`: the same two checks — the HMAC of the canonical parameters against the challenge's signature
 * (nothing was eased), then the HMAC of the submitted derived key against the signed key signature (the work was
 * done) — synchronously, with keys made once. altcha-lib does each through WebCrypto with a fresh key import, the
 * larger part of an intake's proof check. `tests/unit/anti-abuse/proof-of-work-verify.test.ts` holds the two to the
 * same verdicts on generated and tampered proofs. The expiry is checked by the caller, with its clock.
 */
export function verifySignedSolution(
  payload: ParsedPayload,
  secrets: Pick<Secrets, 'signatureKey' | 'keySignatureKey'>,
): boolean {
  const { challenge, solution } = payload;
  const expected = createHmac('sha256', secrets.signatureKey)
    .update(JSON.stringify(sortKeys(challenge.parameters)), 'utf8')
    .digest('hex');
  if (!sameHex(challenge.signature, expected)) return false;
  // As altcha-lib: lower-case hex in whole bytes, and a counter that is a whole number in the uint32 range.
  if (!/^(?:[0-9a-f]{2})+$/.test(solution.derivedKey)) return false;
  if (!Number.isInteger(solution.counter) || solution.counter < 0 || solution.counter > 0xffffffff) return false;
  const keySignature = createHmac('sha256', secrets.keySignatureKey)
    .update(Buffer.from(solution.derivedKey, 'hex'))
    .digest('hex');
  return sameHex(challenge.parameters.keySignature, keySignature);
}

/** Constant-time comparison of two hex strings (different lengths are simply unequal). */
function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** altcha-lib's canonical form: keys sorted at every depth, undefined values left out. */
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const inner = (value as Record<string, unknown>)[key];
        return inner === undefined ? [] : [[key, sortKeys(inner)]];
      }),
  );
}

export interface ParsedPayload {
  challenge: {
    parameters: Challenge['parameters'] & {
      expiresAt: number;
      keySignature: string;
      data: { kid: string; level?: number };
    };
    signature: string;
  };
  solution: { counter: number; derivedKey: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decodes and checks the shape; only challenges this server could have issued go on to the HMAC check. */
export function parsePayload(payload: unknown): ParsedPayload | undefined {
  let decoded: unknown = payload;
  if (typeof payload === 'string') {
    if (payload.length > MAX_PAYLOAD_CHARS || !/^[A-Za-z0-9+/=_-]+$/.test(payload)) return undefined;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return undefined;
    }
  }
  if (!isRecord(decoded) || !isRecord(decoded.challenge) || !isRecord(decoded.solution)) return undefined;
  const { challenge, solution } = decoded;
  const parameters = challenge.parameters;
  if (!isRecord(parameters) || typeof challenge.signature !== 'string' || !/^[0-9a-f]{64}$/.test(challenge.signature))
    return undefined;
  // Only deterministic challenges of our algorithm, signed with a key id, with an expiry: the shape we issue.
  if (parameters.algorithm !== POW_ALGORITHM) return undefined;
  if (typeof parameters.keySignature !== 'string' || typeof parameters.expiresAt !== 'number') return undefined;
  if (!isRecord(parameters.data) || typeof parameters.data.kid !== 'string') return undefined;
  const level = parameters.data.level;
  if (level !== undefined && !(Number.isInteger(level) && typeof level === 'number' && level >= 1)) return undefined;
  if (typeof solution.counter !== 'number' || typeof solution.derivedKey !== 'string') return undefined;
  return {
    challenge: {
      parameters: parameters as unknown as ParsedPayload['challenge']['parameters'],
      signature: challenge.signature,
    },
    solution: { counter: solution.counter, derivedKey: solution.derivedKey },
  };
}
