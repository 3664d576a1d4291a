/**
 * The console's CSRF token: an HMAC of the session id under a secret derived from the keyring, put in every console
 * form (hidden field `csrf`) and checked by the console guard on every POST, beside the Origin / Fetch Metadata check.
 * Tied to the session, so a token seen by one person is useless in another's session, and it ends with the session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveSecret } from '#src/features/crypto/derive-secret.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';

/** The form field that carries the token. */
export const CSRF_FIELD = 'csrf';

export function csrfToken(keyring: Keyring, sessionId: string): string {
  return createHmac('sha256', deriveSecret(keyring.current, 'console:csrf')).update(sessionId).digest('base64url');
}

/** Whether `token` is the session's token (constant-time). */
export function isValidCsrfToken(keyring: Keyring, sessionId: string, token: string): boolean {
  const expected = Buffer.from(csrfToken(keyring, sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
