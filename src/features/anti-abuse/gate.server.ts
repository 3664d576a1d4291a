/**
 * The one check every public submission passes (the intake form and API, receipt look-ups, reports): the honeypot, then
 * a proof (an Altcha payload in `altcha`, or else a no-JavaScript token in `fallback`), then the rate limits. A proof
 * is used up when it is accepted: call this once per submission. A form sent back with errors is rendered again with a
 * new token, and its island solves a new challenge, so the corrected attempt has a fresh proof either way.
 *
 * Many people share one address (a mobile carrier's), so the intake's address limit may refuse someone who never sent
 * anything. With JavaScript they can go on: the challenge endpoint hands a busy address a harder challenge (its level
 * grows with how far over the limit the address is, `challengeLevel`), and a solved one of at least half the level
 * the address has reached by then gets past the limit (`beyondLimit`, and the per-point cap still applies). The
 * no-JavaScript token keeps the plain limit: it costs a script nothing.
 */
import type { ClientKey } from './client-key.server.ts';
import type { FallbackChallenge, FallbackFailure } from './fallback-challenge.server.ts';
import { fieldValue, isHoneypotFilled, type SubmittedFields } from './honeypot.ts';
import { MAX_POW_LEVEL, type ProofFailure, type ProofOfWork } from './proof-of-work.server.ts';
import type { LimiterName, RateLimits } from './rate-limits.server.ts';

/** The field carrying the Altcha payload (the widget's and our island's name). */
export const ALTCHA_FIELD = 'altcha';
/** The field carrying the no-JavaScript token. */
export const FALLBACK_FIELD = 'fallback';

export type GateReason = 'rate-limited' | 'proof-missing' | 'proof-invalid' | 'proof-reused' | 'honeypot';

/** The limiters a harder proof of work can get past: the intake's (people behind one carrier address). */
export const HARDER_PROOF_LIMITERS: readonly LimiterName[] = ['intake'];

/**
 * The level of challenge to hand `clientKey` for a form counted against `purpose`: how far over its limit its next
 * request would be (0, the usual challenge, within the limit or for other forms).
 */
export async function challengeLevel(
  limits: RateLimits,
  purpose: string | null,
  clientKey: ClientKey,
): Promise<number> {
  const limiter = HARDER_PROOF_LIMITERS.find((name) => name === purpose);
  if (limiter === undefined) return 0;
  return Math.min(MAX_POW_LEVEL, (await limits.standing(limiter, clientKey)).excess);
}

/** The least level a proof needs to get past a limit now `excess` over: half, as others may have sent since. */
export const levelNeeded = (excess: number): number => Math.max(1, Math.ceil(Math.min(excess, MAX_POW_LEVEL) / 2));

export type GateResult =
  /** `beyondLimit`: the address was over its limit and a harder proof of work let the submission through. */
  | { ok: true; proof: 'altcha' | 'fallback'; beyondLimit?: true }
  | {
      ok: false;
      reason: GateReason;
      /** With `rate-limited`: seconds until a new attempt may pass (for `Retry-After` and the message). */
      retryAfterSeconds?: number;
      /** What exactly was wrong with the proof (expired, too early…), for counts and tests; never shown as is. */
      detail?: ProofFailure | FallbackFailure;
    };

export interface Submission {
  /** The parsed form (`await request.formData()`) or JSON body. */
  form: SubmittedFields;
  clientKey: ClientKey;
  /** The limiter to count against; also the purpose a fallback token must have been issued for. */
  limiter: LimiterName;
}

export interface Gate {
  checkSubmission(submission: Submission): Promise<GateResult>;
}

export interface GateOptions {
  proofOfWork: ProofOfWork;
  fallback: FallbackChallenge;
  limits: RateLimits;
}

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Creates the gate over the three services. */
export function createGate(options: GateOptions): Gate {
  const { proofOfWork, fallback, limits } = options;

  return {
    async checkSubmission({ form, clientKey, limiter }) {
      if (isHoneypotFilled(form)) return { ok: false, reason: 'honeypot' };

      const altcha = fieldValue(form, ALTCHA_FIELD);
      const token = fieldValue(form, FALLBACK_FIELD);
      if (!present(altcha) && !present(token)) return { ok: false, reason: 'proof-missing' };

      // The Altcha payload first; a form with JavaScript also carries the token, which then covers a solution that
      // expired while the person was writing (a laptop closed over lunch).
      let failure: ProofFailure | FallbackFailure | undefined;
      let proof: 'altcha' | 'fallback' | undefined;
      let level = 0;
      if (present(altcha)) {
        const verdict = await proofOfWork.verifyPayload(altcha);
        if (verdict.ok) {
          proof = 'altcha';
          level = verdict.level ?? 0;
        } else failure = verdict.reason;
      }
      if (proof === undefined && present(token)) {
        const verdict = await fallback.verify(token, limiter);
        if (verdict.ok) proof = 'fallback';
        else failure ??= verdict.reason;
      }
      if (proof === undefined) {
        const reason: GateReason =
          failure === 'reused' ? 'proof-reused' : failure === 'missing' ? 'proof-missing' : 'proof-invalid';
        return failure === undefined ? { ok: false, reason } : { ok: false, reason, detail: failure };
      }

      const limited = await limits.consume(limiter, clientKey);
      if (!limited.ok) {
        if (proof === 'altcha' && HARDER_PROOF_LIMITERS.includes(limiter) && level >= levelNeeded(limited.excess))
          return { ok: true, proof, beyondLimit: true };
        return { ok: false, reason: 'rate-limited', retryAfterSeconds: limited.retryAfterSeconds };
      }
      return { ok: true, proof };
    },
  };
}
