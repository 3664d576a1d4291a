/**
 * What the operator gauges show, read from the database when Prometheus scrapes: the mail backlog, the age of the
 * oldest unsent e-mail, dead letters, requests past the escalation limit, and the years the public-holiday list should
 * cover by now and does not (working days and "open now" read it). Whole-portal totals only (no breakdown
 * per point, commune or province: a count of requests per place says where people ask for help).
 */
import { and, count, eq, inArray, lte, min } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { cases, outbox } from '#src/db/schema/index.ts';
import { overdueCutoff } from '#src/features/console/cases/inbox.server.ts';
import { holidayListGaps, type HolidayListGap } from '#src/lib/holidays.ts';

export interface OperationalState {
  /** E-mails not sent yet (`pending`: due now, waiting for a retry, or being sent). */
  readonly outboxBacklog: number;
  /** Seconds since the oldest unsent e-mail was queued; 0 when none waits. */
  readonly outboxOldestAgeSeconds: number;
  readonly outboxDeadLetters: number;
  /** New requests no point acknowledged within the escalation limit (the inbox's "overdue"). */
  readonly casesOverdue: number;
  /** Years the holiday list should cover with decided dates by now (src/lib/holidays.ts) and does not. */
  readonly holidayListGaps: readonly HolidayListGap[];
}

/** Reads the state at `now`; three small aggregate queries on indexed columns. */
export async function readOperationalState(
  db: Database,
  now: Date,
  escalationWorkingDays: number,
): Promise<OperationalState> {
  const mail = await db
    .select({ status: outbox.status, n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(inArray(outbox.status, ['pending', 'dead']))
    .groupBy(outbox.status);
  const pending = mail.find((row) => row.status === 'pending');
  const dead = mail.find((row) => row.status === 'dead');
  const [overdue] = await db
    .select({ n: count() })
    .from(cases)
    .where(and(eq(cases.status, 'new'), lte(cases.createdAt, overdueCutoff(now, escalationWorkingDays))));
  const oldest = pending?.oldest ?? null;
  return {
    outboxBacklog: pending?.n ?? 0,
    outboxOldestAgeSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000),
    outboxDeadLetters: dead?.n ?? 0,
    casesOverdue: overdue?.n ?? 0,
    holidayListGaps: holidayListGaps({ now: () => now }),
  };
}
