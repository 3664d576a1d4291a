/**
 * Each TOTP code works once (RFC 6238, section 5.2): better-auth accepts a code for its whole window and remembers
 * nothing, so a code seen over a shoulder, or sent twice, would sign in again. Every code accepted is recorded in
 * the database (`console_used_totp_codes`, shared by all portal instances) in the same breath as it is accepted; a
 * second acceptance of the same code within the window finds it there, its new session is deleted at once and the
 * attempt is refused.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { Database } from '#src/db/client.server.ts';
import { authSessions, usedTotpCodes } from '#src/db/schema/index.ts';
import { keyedHash } from '#src/features/crypto/keyed-hash.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';

/** How long a used code is remembered: longer than the 90 seconds (three 30-second steps) a code is accepted. */
export const USED_CODE_MEMORY_MS = 3 * 60 * 1000;

/**
 * Records that `userId` used `code` at `now`; false when that code was used already within the memory (one statement:
 * of two instances claiming the same code at once, one wins).
 */
export async function claimTotpCode(
  db: Database,
  keyring: Keyring,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const codeHash = keyedHash(keyring, 'console:used-totp-code', `${userId}:${code}`).hash;
  const forgetBefore = new Date(now.getTime() - USED_CODE_MEMORY_MS);
  const claimed = await db
    .insert(usedTotpCodes)
    .values({ userId, codeHash, usedAt: now })
    .onConflictDoUpdate({
      target: [usedTotpCodes.userId, usedTotpCodes.codeHash],
      set: { usedAt: sql`excluded.used_at` },
      setWhere: lt(usedTotpCodes.usedAt, forgetBefore),
    })
    .returning({ userId: usedTotpCodes.userId });
  await db.delete(usedTotpCodes).where(and(eq(usedTotpCodes.userId, userId), lt(usedTotpCodes.usedAt, forgetBefore)));
  return claimed.length > 0;
}

/** The better-auth plugin that applies this to every accepted TOTP code (sign-in and set-up alike). */
export function refuseUsedTotpCodes(db: Database, keyring: Keyring): BetterAuthPlugin {
  return {
    id: 'hotro-used-totp-codes',
    hooks: {
      after: [
        {
          matcher: (context) => context.path === '/two-factor/verify-totp',
          handler: createAuthMiddleware(async (context) => {
            // Set only when the code was accepted and a session started for it.
            const accepted = context.context.newSession;
            const body: unknown = context.body;
            const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : undefined;
            if (accepted === null || typeof code !== 'string') return;
            if (await claimTotpCode(db, keyring, accepted.user.id, code.trim(), new Date())) return;
            await db.delete(authSessions).where(eq(authSessions.token, accepted.session.token));
            throw new APIError('UNAUTHORIZED', { message: 'This code was used already', code: 'TOTP_CODE_USED' });
          }),
        },
      ],
    },
  };
}
