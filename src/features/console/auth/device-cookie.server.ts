/**
 * The device cookie of OWASP's "slow down, don't lock out" pattern: a browser that signed in to an account before
 * keeps a signed token for that account, and its attempts at that account are not slowed by what other clients do
 * (sign-in-slowdown.server.ts); they are slowed only by its own failures. A stolen cookie gives a guesser no more than
 * a few attempts of its own.
 *
 * One cookie holds the tokens of the last few accounts that signed in on the browser (a shared office computer). A
 * token is `<id>.<issued, seconds>.<HMAC>`: the HMAC (keyring-derived, purpose `console:device-cookie`) covers the
 * account's e-mail address too, so the cookie does not say whose it is and a token checks only for its own account.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedHash, keyedHashesForLookup } from '#src/features/crypto/keyed-hash.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { COOKIE_PREFIX } from './auth.server.ts';

export const DEVICE_COOKIE = `${COOKIE_PREFIX}.device`;
/** How long a browser stays known after its last sign-in (seconds). */
export const DEVICE_COOKIE_SECONDS = 180 * 24 * 60 * 60;
/** Accounts remembered per browser. */
const MOST_TOKENS = 5;
const PURPOSE = 'console:device-cookie';

const tokenMac = (hash: Buffer): string => hash.subarray(0, 24).toString('base64url');
const signed = (email: string, id: string, issued: number) => `${email}\n${id}\n${issued}`;

function cookieTokens(cookieHeader: string | null): string[] {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === DEVICE_COOKIE && value !== undefined) return value.split('~').filter((token) => token !== '');
  }
  return [];
}

/** The id of the token in `cookieHeader` that `email` signed in with on this browser, when valid and not expired. */
export function knownDevice(
  keyring: Keyring,
  email: string,
  cookieHeader: string | null,
  now: Date,
): string | undefined {
  for (const token of cookieTokens(cookieHeader)) {
    const [id, issuedText, mac] = token.split('.');
    if (id === undefined || issuedText === undefined || mac === undefined || !/^\d{1,12}$/.test(issuedText)) continue;
    const issued = Number(issuedText);
    if (issued * 1000 + DEVICE_COOKIE_SECONDS * 1000 <= now.getTime()) continue;
    const given = Buffer.from(mac, 'base64url');
    for (const candidate of keyedHashesForLookup(keyring, PURPOSE, signed(email, id, issued))) {
      const expected = Buffer.from(tokenMac(candidate.hash), 'base64url');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return id;
    }
  }
  return undefined;
}

/**
 * The Set-Cookie value after `email` signed in on this browser: a fresh token for it, in front of the browser's
 * other accounts (its own older token dropped).
 */
export function deviceCookieAfterSignIn(
  keyring: Keyring,
  email: string,
  cookieHeader: string | null,
  now: Date,
  secure: boolean,
): string {
  const issued = Math.floor(now.getTime() / 1000);
  const id = randomBytes(16).toString('base64url');
  const token = `${id}.${issued}.${tokenMac(keyedHash(keyring, PURPOSE, signed(email, id, issued)).hash)}`;
  const own = knownDevice(keyring, email, cookieHeader, now);
  const others = cookieTokens(cookieHeader).filter(
    (other) => /^[\w-]+\.\d+\.[\w-]+$/.test(other) && (own === undefined || !other.startsWith(`${own}.`)),
  );
  const value = [token, ...others].slice(0, MOST_TOKENS).join('~');
  return `${DEVICE_COOKIE}=${value}; Path=/; Max-Age=${DEVICE_COOKIE_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
