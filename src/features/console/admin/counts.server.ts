/**
 * Counts of requests for the counts page: never a word of a request, never a row per person — only numbers, which
 * the page then suppresses under 5 (suppression.ts). A case counts for the province of the point that holds it (the
 * province whose administrators manage that point). The period is the last 12 weeks, Monday to Sunday in Vietnam's
 * time (UTC+7, no daylight saving), the current week included.
 */
import { and, count, eq, gte, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { caseMessages, cases, locations } from '#src/db/schema/index.ts';
import { caseOutcomes, helpWanted } from '#src/features/lists/index.ts';

export const WEEKS = 12;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
// Vietnam has kept UTC+7 all year since 1975.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The instants the 12 weeks start at (Monday 00:00 in Vietnam), oldest first; the last is the current week. */
export function weekStarts(now: Date, weeks = WEEKS): Date[] {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  const mondayOffset = (local.getUTCDay() + 6) % 7;
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - mondayOffset * DAY_MS;
  const current = mondayLocal - VIETNAM_OFFSET_MS;
  return Array.from({ length: weeks }, (_, index) => new Date(current - (weeks - 1 - index) * WEEK_MS));
}

/** The calendar date (YYYY-MM-DD, Vietnam) a week starts on. */
export function weekLabel(start: Date): string {
  return new Date(start.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export interface CaseCounts {
  readonly from: Date;
  readonly weeks: ReadonlyArray<{ readonly start: string; readonly count: number }>;
  /** Requests received in the period (the sum of the weeks). */
  readonly total: number;
  readonly byHelp: ReadonlyArray<{ readonly code: string; readonly count: number }>;
  /** Requests closed in the period, by outcome. */
  readonly byOutcome: ReadonlyArray<{ readonly code: string; readonly count: number }>;
  readonly closed: number;
  /** Median hours from receipt to the first staff reply, over the requests received in the period that have one. */
  readonly firstReply: { readonly cases: number; readonly medianHours: number | null };
  /** Median hours from receipt to acknowledgement, likewise. */
  readonly acknowledgement: { readonly cases: number; readonly medianHours: number | null };
}

/** Counts of one province, or (null) of the whole country. */
export async function loadCaseCounts(db: Database, provinceCode: string | null, now: Date): Promise<CaseCounts> {
  const starts = weekStarts(now);
  const from = starts[0] ?? now;
  const inScope: SQL[] = provinceCode === null ? [] : [eq(locations.provinceCode, provinceCode)];
  const received = and(...inScope, gte(cases.createdAt, from), lte(cases.createdAt, now));

  // Inlined constants (an ISO instant we made, a number): the same expression must appear in SELECT and GROUP BY, and
  // two bound parameters would be two different expressions to PostgreSQL.
  const week = sql<number>`floor(extract(epoch from (${cases.createdAt} - ${sql.raw(`'${from.toISOString()}'::timestamptz`)})) / ${sql.raw(String(WEEK_MS / 1000))})::int`;
  const perWeek = await db
    .select({ week, n: count() })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(received)
    .groupBy(week);
  const weekCounts = starts.map(() => 0);
  for (const row of perWeek) {
    const index = Number(row.week);
    if (index >= 0 && index < weekCounts.length) weekCounts[index] = (weekCounts[index] ?? 0) + row.n;
  }

  const perHelp = await db
    .select({ code: cases.helpWanted, n: count() })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(received)
    .groupBy(cases.helpWanted);
  const perOutcome = await db
    .select({ code: cases.outcome, n: count() })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(
      and(
        ...inScope,
        eq(cases.status, 'closed'),
        isNotNull(cases.closedAt),
        gte(cases.closedAt, from),
        lte(cases.closedAt, now),
      ),
    )
    .groupBy(cases.outcome);

  const median = (expression: SQL) => sql<number | null>`percentile_cont(0.5) within group (order by ${expression})`;
  const [ack] = await db
    .select({
      n: count(),
      median: median(sql`extract(epoch from (${cases.acknowledgedAt} - ${cases.createdAt}))`),
    })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(and(received, isNotNull(cases.acknowledgedAt)));
  const firstReplies = db
    .select({ caseId: caseMessages.caseId, at: sql<Date>`min(${caseMessages.createdAt})`.as('first_at') })
    .from(caseMessages)
    .where(eq(caseMessages.sender, 'staff'))
    .groupBy(caseMessages.caseId)
    .as('first_replies');
  const [reply] = await db
    .select({
      n: count(),
      median: median(sql`extract(epoch from (${firstReplies.at} - ${cases.createdAt}))`),
    })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .innerJoin(firstReplies, eq(firstReplies.caseId, cases.id))
    .where(received);

  const hours = (seconds: number | string | null | undefined) =>
    seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 3600) * 10) / 10;
  const countOf = (rows: Array<{ code: string | null; n: number }>, code: string) =>
    rows.find((row) => row.code === code)?.n ?? 0;
  return {
    from,
    weeks: starts.map((start, index) => ({ start: weekLabel(start), count: weekCounts[index] ?? 0 })),
    total: weekCounts.reduce((sum, n) => sum + n, 0),
    byHelp: helpWanted.codes.map((code) => ({ code, count: countOf(perHelp, code) })),
    byOutcome: caseOutcomes.codes.map((code) => ({ code, count: countOf(perOutcome, code) })),
    closed: perOutcome.reduce((sum, row) => sum + row.n, 0),
    firstReply: { cases: reply?.n ?? 0, medianHours: hours(reply?.median) },
    acknowledgement: { cases: ack?.n ?? 0, medianHours: hours(ack?.median) },
  };
}

/** Requests received in the period per province (for the national view), every province listed. */
export async function countsByProvince(db: Database, now: Date): Promise<Map<string, number>> {
  const from = weekStarts(now)[0] ?? now;
  const rows = await db
    .select({ province: locations.provinceCode, n: count() })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(and(gte(cases.createdAt, from), lte(cases.createdAt, now)))
    .groupBy(locations.provinceCode);
  return new Map(rows.map((row) => [row.province, row.n]));
}
