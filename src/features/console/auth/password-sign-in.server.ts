/**
 * The password step of signing in, whatever page asks for it: who may try now, the password check (better-auth), and
 * what the attempt costs. Nothing here can lock an account's owner out (issue 17, item 1):
 * - a browser that signed in to the account before (its device cookie, device-cookie.server.ts) tries on its own
 *   budget, not slowed by other clients and not held by its address's limit;
 * - any other client is held by its own limit (the anti-abuse `signin` limiter, per client: 10 per 15 minutes, 50 a
 *   day) and by the account's slowdown (sign-in-slowdown.server.ts), which makes attempts wait seconds, never hours,
 *   and counts only the attempts it lets through to the password check.
 */
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { authUsers, staffProfiles } from '#src/db/schema/index.ts';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import type { RateLimits } from '#src/features/anti-abuse/rate-limits.server.ts';
import { keyedHash } from '#src/features/crypto/keyed-hash.server.ts';
import { countRateLimitRefusal } from '#src/features/observability/metrics.server.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import type { ConsoleServices } from '../services.server.ts';
import { deviceCookieAfterSignIn, knownDevice } from './device-cookie.server.ts';
import { ACCOUNT_POLICY, claimAttempt, DEVICE_POLICY, giveBack } from './sign-in-slowdown.server.ts';

export interface PasswordAttempt {
  /** Normalised e-mail address. */
  readonly email: string;
  readonly password: string;
  /** The client's key (a keyed hash of its address, never the address). */
  readonly client: ClientKey;
  /** The request's Cookie header (the device cookie, and nothing else, is read from it). */
  readonly cookieHeader: string | null;
}

export type PasswordOutcome =
  /** The password was right: `headers` carry the session (or second-factor step) and device cookies. */
  | { kind: 'accepted'; twoFactor: boolean; headers: Headers; userId: string; provinceCode: string | null }
  /** Wrong e-mail, wrong password, or an account that cannot sign in: one answer for all. */
  | { kind: 'wrong' }
  /** This client has tried too often (any accounts); minutes. */
  | { kind: 'client-limited'; retryAfterSeconds: number }
  /** This account is being guessed at: a wait of seconds before the next attempt. */
  | { kind: 'slowed'; retryAfterSeconds: number }
  | { kind: 'unavailable' };

/** Checks one password attempt and counts it where it counts. */
export async function signInWithPassword(
  services: ConsoleServices,
  limits: RateLimits,
  attempt: PasswordAttempt,
): Promise<PasswordOutcome> {
  const { keyring } = services;
  const db = services.handle.db;
  const now = services.clock.now();
  const { email } = attempt;

  let subject: Uint8Array | undefined;
  const device = knownDevice(keyring, email, attempt.cookieHeader, now);
  if (device !== undefined) {
    const deviceSubject = keyedHash(keyring, 'console:signin-device', device).hash;
    if ((await claimAttempt(db, deviceSubject, now, DEVICE_POLICY)).ok) subject = deviceSubject;
  }
  if (subject === undefined) {
    const byClient = await limits.consume('signin', attempt.client);
    if (!byClient.ok) return { kind: 'client-limited', retryAfterSeconds: byClient.retryAfterSeconds };
    const accountSubject = keyedHash(keyring, 'console:signin-account', email).hash;
    const slot = await claimAttempt(db, accountSubject, now, ACCOUNT_POLICY);
    if (!slot.ok) {
      countRateLimitRefusal('signinAccount');
      return { kind: 'slowed', retryAfterSeconds: slot.retryAfterSeconds };
    }
    subject = accountSubject;
  }

  let result;
  try {
    result = await services.auth.api.signInEmail({
      body: { email, password: attempt.password, rememberMe: false },
      headers: new Headers(),
      returnHeaders: true,
    });
  } catch (error) {
    if (isAPIError(error) && (error.statusCode === 401 || error.statusCode === 400 || error.statusCode === 403))
      return { kind: 'wrong' };
    // Not a guess that failed: the attempt does not count.
    await giveBack(db, subject).catch(() => undefined);
    log.error('console.sign_in_failed', { error: describeError(error) });
    return { kind: 'unavailable' };
  }

  // A disabled account, or one with no staff profile, does not sign in (its fresh session is revoked at once).
  const [account] = await db
    .select({ userId: authUsers.id, disabledAt: staffProfiles.disabledAt, provinceCode: staffProfiles.provinceCode })
    .from(authUsers)
    .innerJoin(staffProfiles, eq(staffProfiles.userId, authUsers.id))
    .where(eq(authUsers.email, email))
    .limit(1);
  if (account === undefined || account.disabledAt !== null) {
    if ('token' in result.response && result.response.token)
      await services.auth.api
        .signOut({ headers: new Headers({ cookie: cookiePairs(result.headers) }) })
        .catch(() => undefined);
    return { kind: 'wrong' };
  }

  await giveBack(db, subject);
  const headers = new Headers();
  for (const cookie of result.headers.getSetCookie()) headers.append('set-cookie', cookie);
  headers.append(
    'set-cookie',
    deviceCookieAfterSignIn(keyring, email, attempt.cookieHeader, now, services.baseUrl.startsWith('https://')),
  );
  return {
    kind: 'accepted',
    twoFactor: 'twoFactorRedirect' in result.response && result.response.twoFactorRedirect === true,
    headers,
    userId: account.userId,
    provinceCode: account.provinceCode,
  };
}

/** The name=value pairs of the cookies a response sets, as a Cookie header. */
function cookiePairs(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .join('; ');
}
