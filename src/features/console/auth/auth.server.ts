/**
 * Staff authentication with better-auth (docs/decisions/008-better-auth-for-staff.md): e-mail and password (argon2id),
 * sessions in HttpOnly SameSite=Lax cookies (Secure behind HTTPS), TOTP as a second factor. The portal calls its API on
 * the server only — the console's own pages post plain HTML forms and call `auth.api.*` — so better-auth's HTTP handler
 * is never mounted and none of its JSON endpoints is reachable from outside.
 *
 * Four of the library's defaults are wrong for this portal and are changed here:
 * - it stores each session's IP address and user agent: a hook empties both, and a CHECK refuses a row with either;
 * - its rate limiter keys on the IP address: it is off, and sign-in is throttled by our own limiter (throttle.server.ts);
 * - it hashes passwords with scrypt: argon2id instead (passwords.server.ts);
 * - anyone could sign up: sign-up is disabled; accounts come from `npm run admin:create` and invitations.
 */
import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins';
import type { Database } from '#src/db/client.server.ts';
import { authAccounts, authSessions, authTwoFactors, authUsers, authVerifications } from '#src/db/schema/index.ts';
import { deriveSecret } from '#src/features/crypto/derive-secret.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { log } from '#src/lib/log.ts';
import { refuseCommonPasswords } from './common-passwords.server.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords.server.ts';
import { refuseUsedTotpCodes } from './used-totp-codes.server.ts';

/** How long a console session lasts without activity, and at most (seconds). */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** How long the "password accepted, now the code" step may take (seconds). */
export const TWO_FACTOR_STEP_SECONDS = 5 * 60;
/** The cookie name prefix: `hotro.session_token`, `hotro.two_factor`. */
export const COOKIE_PREFIX = 'hotro';
/** The name shown in authenticator apps. */
export const TOTP_ISSUER = 'Ho tro cai nghien';

export interface AuthOptions {
  db: Database;
  keyring: Keyring;
  /** The public origin (`SITE_URL`), or the local address when it is unset. */
  baseUrl: string;
}

/**
 * better-auth's signing and encryption secrets, derived from the portal's keyring (HKDF, purpose `console:auth`): no
 * new secret to configure, and rotating the keyring keeps older TOTP secrets readable (each key is one version).
 */
function authSecrets(keyring: Keyring): Array<{ version: number; value: string }> {
  const keys = [keyring.current, ...[...keyring.byId.values()].filter((key) => key.id !== keyring.current.id)];
  return keys.map((key) => ({
    version: Number.parseInt(key.id, 16),
    value: deriveSecret(key, 'console:auth').toString('base64'),
  }));
}

export function createAuth({ db, keyring, baseUrl }: AuthOptions) {
  const secrets = authSecrets(keyring);
  return betterAuth({
    appName: 'Hỗ trợ cai nghiện',
    baseURL: baseUrl,
    secret: secrets[0]?.value ?? '',
    secrets,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      transaction: true,
      schema: {
        user: authUsers,
        session: authSessions,
        account: authAccounts,
        verification: authVerifications,
        twoFactor: authTwoFactors,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
    },
    session: {
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: 15 * 60,
      // A fresh sign-in is needed for sensitive account changes (enabling two-factor, changing the password).
      freshAge: 15 * 60,
      cookieCache: { enabled: false },
    },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: baseUrl.startsWith('https://'),
      ipAddress: { disableIpTracking: true },
      database: { generateId: () => randomUUID() },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => ({ data: { ...session, ipAddress: null, userAgent: null } }),
        },
        update: {
          before: async (session) => ({ data: { ...session, ipAddress: null, userAgent: null } }),
        },
      },
    },
    logger: {
      // The library's messages can carry addresses and request details: only the fact of an error reaches our log.
      log: (level) => {
        if (level === 'error') log.error('console.auth_error');
      },
    },
    plugins: [
      refuseCommonPasswords(),
      refuseUsedTotpCodes(db, keyring),
      twoFactor({
        issuer: TOTP_ISSUER,
        twoFactorCookieMaxAge: TWO_FACTOR_STEP_SECONDS,
        accountLockout: { enabled: true, maxFailedAttempts: 5, durationSeconds: 15 * 60 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
