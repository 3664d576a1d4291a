/**
 * Slowing password guessing down without locking anyone out (issue 17, item 1; OWASP's "slow down, don't lock out").
 * Each subject — an account, or a browser that signed in to it before — has a few free failed attempts, then must
 * wait 1, 2, 4, 8, 16 seconds between attempts, and 30 seconds from then on. An attempt that comes too early is
 * refused without counting: guessing from many clients cannot push the wait further out, and the owner never waits
 * more than 30 seconds after the guessing stops.
 *
 * The state is in the database (`console_sign_in_slowdowns`), so every portal instance shares it, and each attempt
 * claims its slot in one statement: of 50 clients arriving together only the free ones get through. An attempt let
 * through counts as a failure from the start; one that turns out right gives its count back (`giveBack`), keeping
 * its slot taken, so the owner signing in never hands the guesser extra attempts.
 *
 * With these numbers one account gets at most 128 password checks in any hour, however many clients guess:
 * 5 at once, 1 + 2 + 4 + 8 + 16 seconds for the next 5, then one each 30 seconds (3,569 s / 30 → 118 more).
 */
import { eq, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { signInSlowdowns } from '#src/db/schema/index.ts';

/** How a subject is slowed: `free` failed attempts wait nothing, then waits double from `firstWait` up to `mostWait`. */
export interface SlowdownPolicy {
  readonly free: number;
  readonly firstWaitSeconds: number;
  readonly mostWaitSeconds: number;
}

/** An account, whichever clients try it: 5 free, then 1, 2, 4, 8, 16 seconds, then 30 seconds between attempts. */
export const ACCOUNT_POLICY: SlowdownPolicy = { free: 5, firstWaitSeconds: 1, mostWaitSeconds: 30 };
/**
 * A browser that signed in to the account before: 10 free (a person mistyping), then one an hour. When it must wait,
 * its attempts are treated as any other client's (the account's policy), so a stolen cookie adds little.
 */
export const DEVICE_POLICY: SlowdownPolicy = { free: 10, firstWaitSeconds: 60 * 60, mostWaitSeconds: 60 * 60 };
/** After this long with no attempt let through (seconds), a subject starts again from zero failures. */
export const FORGET_AFTER_SECONDS = 60 * 60;

/** Seconds to wait after `failures` failed attempts before the next one. */
export function waitAfter(failures: number, policy: SlowdownPolicy = ACCOUNT_POLICY): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstWaitSeconds * 2 ** (failures - policy.free), policy.mostWaitSeconds);
}

export type Slot = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Claims the next attempt for `subject` at `now`, counting it as failed until `giveBack` says otherwise; refused (and
 * nothing counted) while the wait after the last failure runs.
 */
export async function claimAttempt(
  db: Database,
  subject: Uint8Array,
  now: Date,
  policy: SlowdownPolicy,
): Promise<Slot> {
  const t = signInSlowdowns;
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000);
  const at = sql`${now.toISOString()}::timestamptz`;
  const failures = sql`(CASE WHEN ${t.nextAttemptAt} < ${forgetBefore.toISOString()}::timestamptz THEN 1 ELSE ${t.failures} + 1 END)`;
  const { free, firstWaitSeconds, mostWaitSeconds } = policy;
  const wait = sql`(CASE WHEN ${failures} < ${free} THEN 0 ELSE LEAST(${mostWaitSeconds}, ${firstWaitSeconds} * power(2, ${failures} - ${free})) END)`;
  const claimed = await db
    .insert(t)
    .values({ subjectHash: subject, failures: 1, nextAttemptAt: new Date(now.getTime() + waitAfter(1, policy) * 1000) })
    .onConflictDoUpdate({
      target: t.subjectHash,
      set: { failures, nextAttemptAt: sql`${at} + make_interval(secs => ${wait})` },
      setWhere: lte(t.nextAttemptAt, now),
    })
    .returning({ failures: t.failures });
  if (claimed.length > 0) {
    // Rows of subjects nobody tried for an hour are worth nothing; the index makes this cheap.
    await db.delete(t).where(lt(t.nextAttemptAt, forgetBefore));
    return { ok: true };
  }
  const [row] = await db.select({ next: t.nextAttemptAt }).from(t).where(eq(t.subjectHash, subject)).limit(1);
  const waitMs = row === undefined ? 1000 : row.next.getTime() - now.getTime();
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** The attempt claimed for `subject` was right (or never reached the password check): it no longer counts. */
export async function giveBack(db: Database, subject: Uint8Array): Promise<void> {
  const t = signInSlowdowns;
  await db
    .update(t)
    .set({ failures: sql`GREATEST(${t.failures} - 1, 0)` })
    .where(eq(t.subjectHash, subject));
}
