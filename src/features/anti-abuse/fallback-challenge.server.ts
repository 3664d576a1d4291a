/**
 * The proof for forms sent without JavaScript, where the browser cannot solve a proof of work.
 *
 * The page puts a token in a hidden `fallback` field when it renders the form: an HMAC (key derived from the keyring)
 * over a random id, the issue time and the form's purpose. The server accepts it only after a minimum fill time (3 s by
 * default: no person reads and fills the form faster), before it expires (2 h), for the same purpose, and once.
 *
 * Why this is acceptable without proof of work: it never stands alone. Every submission also passes the per-address rate
 * limits (5 per 10 minutes, 20 per day for a request) and the honeypot, and this token makes a scripted sender fetch the
 * form once per submission and then wait, so it cannot fire requests as fast as it likes, replay a request, or prepare
 * tokens for another form. The portal must work with JavaScript off (people on old phones, strict browsers, Tor), and a
 * request for help lost to a failed script costs far more than the few extra messages a patient spammer might send
 * within the rate limits; staff can close such messages in one step.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { deriveSecret } from '#src/features/crypto/derive-secret.server.ts';
import type { DataKey, Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import type { AntiAbuseStore } from './store.server.ts';

export const DEFAULT_FALLBACK_MIN_FILL_SECONDS = 3;
export const DEFAULT_FALLBACK_MAX_AGE_SECONDS = 2 * 60 * 60;

// A token issued "in the future" by more than this is forged or from a badly skewed instance: refused either way.
const CLOCK_SKEW_MS = 60_000;
const VERSION = 'f1';
// f1.<key id: 8 hex>.<random id: 16 bytes base64url>.<issued at: ms since epoch>.<HMAC-SHA256: base64url>
const TOKEN = /^f1\.([0-9a-f]{8})\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

export interface FallbackChallengeOptions {
  keyring: Keyring;
  store: AntiAbuseStore;
  /** Defaults to the store's clock. */
  clock?: Clock;
  minFillSeconds?: number;
  maxAgeSeconds?: number;
}

/** Why a token was refused. */
export type FallbackFailure = 'missing' | 'invalid' | 'too-early' | 'expired' | 'reused';

export type FallbackVerdict = { ok: true } | { ok: false; reason: FallbackFailure };

export interface FallbackChallenge {
  /** A new token for a form about to be rendered; `purpose` names the form (the gate uses the limiter name). */
  issue(purpose: string): string;
  /** Checks a submitted token for `purpose` and, when it is good, marks it used. Too early does not use it up. */
  verify(token: unknown, purpose: string): Promise<FallbackVerdict>;
}

/** Creates the fallback token service. */
export function createFallbackChallenge(options: FallbackChallengeOptions): FallbackChallenge {
  const { keyring, store } = options;
  const clock = options.clock ?? store.clock;
  const minFillMs = (options.minFillSeconds ?? DEFAULT_FALLBACK_MIN_FILL_SECONDS) * 1000;
  const maxAgeMs = (options.maxAgeSeconds ?? DEFAULT_FALLBACK_MAX_AGE_SECONDS) * 1000;

  const secrets = new Map<string, KeyObject>();
  const mac = (key: DataKey, purpose: string, id: string, issuedAt: string): Buffer => {
    let secret = secrets.get(key.id);
    if (secret === undefined) {
      secret = createSecretKey(deriveSecret(key, 'anti-abuse:fallback-token'));
      secrets.set(key.id, secret);
    }
    // The purpose is inside the MAC, so a token rendered in one form is refused by another.
    return createHmac('sha256', secret).update(`${VERSION}\n${purpose}\n${key.id}\n${id}\n${issuedAt}`).digest();
  };

  return {
    issue(purpose) {
      const key = keyring.current;
      const id = randomBytes(16).toString('base64url');
      const issuedAt = String(clock.now().getTime());
      return `${VERSION}.${key.id}.${id}.${issuedAt}.${mac(key, purpose, id, issuedAt).toString('base64url')}`;
    },

    async verify(token, purpose) {
      if (token === undefined || token === null || token === '') return { ok: false, reason: 'missing' };
      if (typeof token !== 'string') return { ok: false, reason: 'invalid' };
      const match = TOKEN.exec(token);
      if (match === null) return { ok: false, reason: 'invalid' };
      const [, keyId = '', id = '', issuedAt = '', given = ''] = match;
      const key = keyring.byId.get(keyId);
      if (key === undefined) return { ok: false, reason: 'invalid' };
      const expected = Buffer.from(mac(key, purpose, id, issuedAt).toString('base64url'), 'utf8');
      // Compare the canonical text, not decoded bytes: base64url's last character carries unused bits, so two
      // different strings can decode to the same bytes, and a token must match exactly as it was issued.
      const received = Buffer.from(given, 'utf8');
      if (received.length !== expected.length || !timingSafeEqual(received, expected))
        return { ok: false, reason: 'invalid' };

      const age = clock.now().getTime() - Number(issuedAt);
      if (age < -CLOCK_SKEW_MS) return { ok: false, reason: 'invalid' };
      if (age < minFillMs) return { ok: false, reason: 'too-early' };
      if (age > maxAgeMs) return { ok: false, reason: 'expired' };

      const fresh = await store.claimOnce(`fb:${id}`, (maxAgeMs - age) / 1000 + 1);
      return fresh ? { ok: true } : { ok: false, reason: 'reused' };
    },
  };
}
