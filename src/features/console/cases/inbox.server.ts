/**
 * The inbox: the cases of the points a member of staff works for, new ones first (then acknowledged, in progress,
 * closed), most recent first within each; safeguarding flags above everything. Filters are query parameters (a GET
 * form that works without JavaScript). Counts per status are computed with the same filters but the status, so the
 * numbers beside each status match what choosing it lists. Only coarse, non-identifying fields are read: no text is
 * decrypted here.
 */
import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { cases, locations } from '#src/db/schema/index.ts';
import {
  caseStatuses,
  helpWanted,
  requesterKinds,
  type CaseStatus,
  type HelpWanted,
} from '#src/features/lists/index.ts';
import { addWorkingDays } from '#src/lib/working-days.ts';

/** The statuses shown by default: everything still open. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'acknowledged', 'in-progress'];
export const INBOX_PAGE_SIZE = 50;

export interface InboxFilters {
  /** `open` (default) or one status. */
  readonly status: 'open' | CaseStatus;
  readonly help: HelpWanted | null;
  readonly who: string | null;
  /** One of the person's points, or null for all of them. */
  readonly pointId: string | null;
  /** Only new cases waiting longer than the escalation time. */
  readonly overdue: boolean;
  readonly page: number;
}

/** Reads the filters from the query string; anything unknown falls back to the default (never an error). */
export function readInboxFilters(params: URLSearchParams, pointIds: readonly string[]): InboxFilters {
  const status = params.get('status');
  const help = params.get('help');
  const who = params.get('who');
  const point = params.get('point');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    status: status !== null && caseStatuses.has(status) ? status : 'open',
    help: help !== null && helpWanted.has(help) ? help : null,
    who: who !== null && requesterKinds.has(who) ? who : null,
    pointId: point !== null && pointIds.includes(point) ? point : null,
    overdue: params.get('overdue') === '1',
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export interface InboxRow {
  readonly id: string;
  readonly status: CaseStatus;
  readonly createdAt: Date;
  readonly helpWanted: string;
  readonly requesterKind: string;
  readonly ageBand: string;
  readonly communeCode: string | null;
  readonly pointName: string;
  readonly overdue: boolean;
  readonly safeguarding: string | null;
}

export interface Inbox {
  readonly rows: readonly InboxRow[];
  /** Cases per status under the other filters; `open` is the sum of the open statuses. */
  readonly counts: Readonly<Record<CaseStatus | 'open', number>>;
  /** How many cases the chosen filters match (all pages). */
  readonly total: number;
  readonly overdueCount: number;
}

const STATUS_ORDER = sql`case ${cases.status} when 'new' then 0 when 'acknowledged' then 1 when 'in-progress' then 2 when 'closed' then 3 else 4 end`;

/**
 * The latest creation moment (to the hour) of a case that is overdue at `now`: one whose acknowledgement was due
 * `workingDays` working days after it came. Stepped back a day at a time (weekends, Tết), then forward an hour at a
 * time: a few dozen steps, whatever the holidays.
 */
export function overdueCutoff(now: Date, workingDays: number): Date {
  const HOUR_MS = 60 * 60 * 1000;
  const due = (created: Date) => addWorkingDays(created, workingDays).getTime() <= now.getTime();
  let candidate = new Date(now.getTime() - workingDays * 24 * HOUR_MS);
  while (!due(candidate)) candidate = new Date(candidate.getTime() - 24 * HOUR_MS);
  while (due(new Date(candidate.getTime() + HOUR_MS))) candidate = new Date(candidate.getTime() + HOUR_MS);
  return candidate;
}

export async function loadInbox(
  db: Database,
  pointIds: readonly string[],
  filters: InboxFilters,
  now: Date,
  escalationWorkingDays: number,
): Promise<Inbox> {
  const emptyCounts = { open: 0, new: 0, acknowledged: 0, 'in-progress': 0, closed: 0, withdrawn: 0 };
  if (pointIds.length === 0) return { rows: [], counts: emptyCounts, total: 0, overdueCount: 0 };
  const cutoff = overdueCutoff(now, escalationWorkingDays);
  const isOverdue = and(eq(cases.status, 'new'), lte(cases.createdAt, cutoff));
  const scope: SQL[] = [inArray(cases.pointId, filters.pointId === null ? [...pointIds] : [filters.pointId])];
  if (filters.help !== null) scope.push(eq(cases.helpWanted, filters.help));
  if (filters.who !== null) scope.push(eq(cases.requesterKind, filters.who));
  if (filters.overdue && isOverdue !== undefined) scope.push(isOverdue);
  const statusFilter =
    filters.status === 'open' ? inArray(cases.status, [...OPEN_STATUSES]) : eq(cases.status, filters.status);

  const perStatus = await db
    .select({ status: cases.status, n: count() })
    .from(cases)
    .where(and(...scope))
    .groupBy(cases.status);
  const counts = { ...emptyCounts };
  for (const row of perStatus) {
    if (caseStatuses.has(row.status)) counts[row.status] = row.n;
  }
  counts.open = OPEN_STATUSES.reduce((sum, status) => sum + counts[status], 0);

  const rows = await db
    .select({
      id: cases.id,
      status: cases.status,
      createdAt: cases.createdAt,
      helpWanted: cases.helpWanted,
      requesterKind: cases.requesterKind,
      ageBand: cases.ageBand,
      communeCode: cases.communeCode,
      pointName: locations.name,
      safeguarding: cases.safeguarding,
      overdue: sql<boolean>`(${isOverdue})`,
    })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(and(...scope, statusFilter))
    .orderBy(sql`${cases.safeguarding} is null`, STATUS_ORDER, desc(cases.createdAt), asc(cases.id))
    .limit(INBOX_PAGE_SIZE)
    .offset((filters.page - 1) * INBOX_PAGE_SIZE);

  const [overdueRow] = await db
    .select({ n: count() })
    .from(cases)
    .where(and(inArray(cases.pointId, [...pointIds]), isOverdue));
  const total = filters.status === 'open' ? counts.open : counts[filters.status];
  return {
    rows: rows.map((row) => ({ ...row, status: row.status as CaseStatus, overdue: Boolean(row.overdue) })),
    counts,
    total,
    overdueCount: overdueRow?.n ?? 0,
  };
}
