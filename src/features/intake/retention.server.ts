/**
 * Retention (DESIGN.md, "Cases"): every encrypted field of a case — its payload (message, contact, preferred time),
 * its messages' bodies (replies, follow-ups) and its outbox rows (sealed addresses and parameters) — is purged
 * RETENTION_DAYS_AFTER_CLOSE days after the case is closed or withdrawn, and in any case RETENTION_MAX_AGE_DAYS days
 * after it was created, so a case that never closes does not keep its content forever. The receipt code's hash goes
 * too, so the code finds nothing any more. What stays: the coarse fields in clear (for counts) and the status history.
 *
 * Idempotent (a purged case has `purged_at` and is not looked at again); safe to run from several processes at once
 * (each batch is one short transaction over rows locked with SKIP LOCKED).
 */
import { and, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import { caseMessages, caseNotes, cases, intakeFormTokens } from '#src/db/schema/index.ts';
import type { Env } from '#src/env.server.ts';
import { systemClock, type Clock } from '#src/lib/clock.ts';
import { log } from '#src/lib/log.ts';
import { startPeriodic, type PeriodicJob } from '#src/lib/periodic.ts';
import { purgeCaseNotices } from './case-store.server.ts';

/** How long content is kept. */
export interface RetentionPolicy {
  readonly daysAfterClose: number;
  readonly maxAgeDays: number;
}

/** What one run purged. */
export interface RetentionCounts {
  /** Cases whose payload and receipt hash were purged. */
  cases: number;
  /** Message bodies purged. */
  messages: number;
  /** Outbox rows (notices) of those cases deleted. */
  notices: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/** The policy from the environment. */
export function retentionPolicyFrom(
  env: Pick<Env, 'retentionDaysAfterClose' | 'retentionMaxAgeDays'>,
): RetentionPolicy {
  return { daysAfterClose: env.retentionDaysAfterClose, maxAgeDays: env.retentionMaxAgeDays };
}

/** Purges what is due at `clock.now()`. Returns the counts (all zero on a second run). */
export async function runRetention(
  handle: Pick<DatabaseHandle, 'db'>,
  policy: RetentionPolicy,
  clock: Clock = systemClock,
): Promise<RetentionCounts> {
  const now = clock.now();
  const closedBefore = new Date(now.getTime() - policy.daysAfterClose * DAY_MS);
  const createdBefore = new Date(now.getTime() - policy.maxAgeDays * DAY_MS);
  const due = and(
    isNull(cases.purgedAt),
    or(
      and(isNotNull(cases.closedAt), lte(cases.closedAt, closedBefore)),
      and(isNotNull(cases.withdrawnAt), lte(cases.withdrawnAt, closedBefore)),
      lte(cases.createdAt, createdBefore),
    ),
  );
  const totals: RetentionCounts = { cases: 0, messages: 0, notices: 0 };
  // Receipts kept for a resend of the same form (15 minutes) that no send cleared yet.
  await handle.db
    .update(intakeFormTokens)
    .set({ resend: null, resendUntil: null })
    .where(lte(intakeFormTokens.resendUntil, now));
  for (;;) {
    const batch = await handle.db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(due)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return undefined;
      const messages = await tx
        .update(caseMessages)
        .set({ body: null, purgedAt: now })
        .where(and(inArray(caseMessages.caseId, ids), isNotNull(caseMessages.body)))
        .returning({ id: caseMessages.id });
      // Staff notes are about the requester too: they go with the rest (counted with the messages).
      const notes = await tx
        .update(caseNotes)
        .set({ body: null, purgedAt: now })
        .where(and(inArray(caseNotes.caseId, ids), isNotNull(caseNotes.body)))
        .returning({ id: caseNotes.id });
      const notices = await purgeCaseNotices(tx, ids);
      // A purged case keeps no form token: a resend of its form now starts a new request.
      await tx.delete(intakeFormTokens).where(inArray(intakeFormTokens.caseId, ids));
      const purged = await tx
        .update(cases)
        .set({ payload: null, receiptHash: null, receiptKeyId: null, purgedAt: now })
        .where(and(inArray(cases.id, ids), isNull(cases.purgedAt)))
        .returning({ id: cases.id });
      return { cases: purged.length, messages: messages.length + notes.length, notices };
    });
    if (batch === undefined) break;
    totals.cases += batch.cases;
    totals.messages += batch.messages;
    totals.notices += batch.notices;
    if (batch.cases < BATCH) break;
  }
  return totals;
}

/** Counts what a run would purge now, without purging (for the console and tests). */
export async function countDueForRetention(
  handle: Pick<DatabaseHandle, 'db'>,
  policy: RetentionPolicy,
  clock: Clock = systemClock,
): Promise<number> {
  const now = clock.now().getTime();
  const result = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        isNull(cases.purgedAt),
        or(
          lte(cases.closedAt, new Date(now - policy.daysAfterClose * DAY_MS)),
          lte(cases.withdrawnAt, new Date(now - policy.daysAfterClose * DAY_MS)),
          lte(cases.createdAt, new Date(now - policy.maxAgeDays * DAY_MS)),
        ),
      ),
    );
  return Number(result[0]?.n ?? 0);
}

export interface RetentionScheduleOptions {
  clock?: Clock;
  /** Time between runs; default one day. */
  intervalMs?: number;
  /** Delay of the first run after start; default one minute (the start itself stays fast). */
  firstRunDelayMs?: number;
}

/**
 * Runs retention daily in this process (the server on PGlite, `npm run worker` on PostgreSQL): a first run a minute
 * after start, then every day (src/lib/periodic.ts: no overlapping runs, a failed run logged and tried again next time).
 */
export function startRetentionSchedule(
  handle: Pick<DatabaseHandle, 'db'>,
  env: Pick<Env, 'retentionDaysAfterClose' | 'retentionMaxAgeDays'>,
  options: RetentionScheduleOptions = {},
): PeriodicJob<RetentionCounts> {
  const policy = retentionPolicyFrom(env);
  return startPeriodic({
    onFailure: (problem) => log.error('retention.failed', { error: problem }),
    intervalMs: options.intervalMs ?? DAY_MS,
    firstRunDelayMs: options.firstRunDelayMs,
    run: async () => {
      const started = performance.now();
      const counts = await runRetention(handle, policy, options.clock);
      log.info('retention.done', { ...counts, ms: Math.round(performance.now() - started) });
      return counts;
    },
  });
}
