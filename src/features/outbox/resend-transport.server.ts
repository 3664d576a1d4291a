import { Resend } from 'resend';
import { errorClass, type MailTransport, type SendResult } from './transport.ts';

/** Options of the Resend transport. */
export interface ResendTransportOptions {
  readonly apiKey: string;
  /** Resend's API by default; tests point it at a local fake (RESEND_BASE_URL). */
  readonly baseUrl?: string | undefined;
  /** Give up on one request after this many ms (default 10 000); a timed-out send is retried. */
  readonly timeoutMs?: number;
}

/** The provider id reported when Resend had already accepted this row under its idempotency key. */
export const ALREADY_ACCEPTED = 'already-accepted';

// Resend's error names (https://resend.com/docs/api-reference/errors) that a later attempt can get past.
const RETRYABLE_NAMES = new Set([
  'concurrent_idempotent_requests',
  'rate_limit_exceeded',
  'daily_quota_exceeded',
  'monthly_quota_exceeded',
]);

/**
 * Sends through the Resend API with the `resend` SDK. The outbox row id is the idempotency key, so a row sent again
 * after an expired lease (or after a lost response) is not delivered twice (and a 409 "same key, other body" counts as
 * already sent). 429, 5xx, timeouts and network errors are
 * retryable; so are 401/403 (a key or domain problem the operator can fix without losing mail); other 4xx are not.
 */
export function createResendTransport(options: ResendTransportOptions): MailTransport {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = new Resend(options.apiKey, options.baseUrl === undefined ? undefined : { baseUrl: options.baseUrl });
  return {
    name: 'resend',
    timeoutMs,
    async send(mail): Promise<SendResult> {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const { data, error } = await client.emails.send(
          { from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html },
          { idempotencyKey: mail.id, signal },
        );
        if (error === null) return { ok: true, providerId: data.id };
        // Resend saw this key (our row id) with another body within 24 h: this row's e-mail was already accepted,
        // before a change of MAIL_FROM, SITE_URL or wording between attempts. Sending it again would send it twice.
        if (error.name === 'invalid_idempotent_request') return { ok: true, providerId: ALREADY_ACCEPTED };
        return classify(error.statusCode, error.name, signal.aborted);
      } catch {
        // The SDK answers errors as values; this is only a guard so a transport never throws.
        return { ok: false, retryable: true, error: signal.aborted ? 'timeout' : 'network' };
      }
    },
  };
}

function classify(status: number | null, name: string, timedOut: boolean): SendResult {
  // Only the status and Resend's error name are kept: the message text may quote the address.
  if (status === null) return { ok: false, retryable: true, error: timedOut ? 'timeout' : 'network' };
  const error = errorClass(`http_${status}:${name}`);
  const retryable = status === 429 || status >= 500 || status === 401 || status === 403 || RETRYABLE_NAMES.has(name);
  return { ok: false, retryable, error };
}
