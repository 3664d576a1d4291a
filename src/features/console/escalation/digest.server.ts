/**
 * Escalation (issue 6, item 4): a request not acknowledged within ESCALATION_WORKING_DAYS working days is overdue
 * (the inbox flags it; `overdueCutoff`), and the administrators of the province of the point that holds it get a
 * daily digest: counts and a link, never a word of a request (the outbox's 'daily-digest' template takes only names,
 * counts, a date and a link).
 *
 * Once per province per day, however many workers run: the digest of a province for a day is a row of
 * `escalation_digests` (primary key province + date), inserted with ON CONFLICT DO NOTHING in the same transaction as
 * the e-mails it queues. Only the transaction that inserted the row queues anything; a second worker, or a second run
 * the same day, finds the row taken and sends nothing. A province with nothing overdue gets no e-mail.
 *
 * It runs from the outbox worker's schedule (the server on PGlite, `npm run worker` on PostgreSQL), every hour; a run
 * before {@link DIGEST_LOCAL_HOUR} o'clock in Vietnam does nothing, so the digest arrives in the morning.
 */
import { and, count, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Database } from '#src/db/client.server.ts';
import { authUsers, cases, escalationDigests, locations, staffProfiles } from '#src/db/schema/index.ts';
import type { Env } from '#src/env.server.ts';
import { getProvince } from '#src/features/admin-units/index.ts';
import { processKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { routes } from '#src/features/site/routes.ts';
import { localDateString, localWeekdayAndMinutes, systemClock, type Clock } from '#src/lib/clock.ts';
import { log } from '#src/lib/log.ts';
import { startPeriodic, type PeriodicJob } from '#src/lib/periodic.ts';
import { OPEN_STATUSES, overdueCutoff } from '../cases/inbox.server.ts';

/** The digest is sent from this hour on (local time), once a day. */
export const DIGEST_LOCAL_HOUR = 8;
const HOUR_MS = 60 * 60 * 1000;

export interface DigestRun {
  /** The local date the run was for. */
  readonly date: string;
  /** Provinces whose digest this run queued. */
  readonly provinces: readonly string[];
  /** E-mails queued. */
  readonly emails: number;
  /** False when the run was too early in the day and did nothing. */
  readonly due: boolean;
}

interface ProvinceCounts {
  overdue: number;
  fresh: number;
  open: number;
}

/** Requests per province of the holding point: overdue, new, and open (new, acknowledged, in progress). */
async function countsPerProvince(db: Database, now: Date, workingDays: number): Promise<Map<string, ProvinceCounts>> {
  const cutoff = overdueCutoff(now, workingDays);
  const overdue = await db
    .select({ province: locations.provinceCode, n: count() })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(and(eq(cases.status, 'new'), lte(cases.createdAt, cutoff)))
    .groupBy(locations.provinceCode);
  const result = new Map<string, ProvinceCounts>();
  if (overdue.length === 0) return result;
  const provinces = overdue.map((row) => row.province);
  const perStatus = await db
    .select({ province: locations.provinceCode, status: cases.status, n: count() })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(and(inArray(locations.provinceCode, provinces), inArray(cases.status, [...OPEN_STATUSES])))
    .groupBy(locations.provinceCode, cases.status);
  for (const row of overdue) result.set(row.province, { overdue: row.n, fresh: 0, open: 0 });
  for (const row of perStatus) {
    const entry = result.get(row.province);
    if (entry === undefined) continue;
    entry.open += row.n;
    if (row.status === 'new') entry.fresh += row.n;
  }
  return result;
}

/** Runs the digest for `clock.now()`: queues today's digest of every province with overdue requests, once. */
export async function runEscalationDigest(
  handle: Pick<DatabaseHandle, 'db'>,
  keyring: Keyring,
  options: { readonly escalationWorkingDays: number; readonly clock?: Clock; readonly fromHour?: number },
): Promise<DigestRun> {
  const now = (options.clock ?? systemClock).now();
  const date = localDateString(now);
  const { minutes } = localWeekdayAndMinutes(now);
  if (minutes < (options.fromHour ?? DIGEST_LOCAL_HOUR) * 60) return { date, provinces: [], emails: 0, due: false };
  const perProvince = await countsPerProvince(handle.db, now, options.escalationWorkingDays);
  const provinces: string[] = [];
  let emails = 0;
  for (const [provinceCode, counts] of [...perProvince].sort(([a], [b]) => a.localeCompare(b))) {
    const queued = await handle.db.transaction(async (tx) => {
      const admins = await tx
        .select({ email: authUsers.email, lang: staffProfiles.lang })
        .from(staffProfiles)
        .innerJoin(authUsers, eq(authUsers.id, staffProfiles.userId))
        .where(
          and(
            eq(staffProfiles.role, 'province-admin'),
            eq(staffProfiles.provinceCode, provinceCode),
            isNull(staffProfiles.disabledAt),
          ),
        );
      const claimed = await tx
        .insert(escalationDigests)
        .values({
          provinceCode,
          digestDate: date,
          overdueCases: counts.overdue,
          recipients: admins.length,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ provinceCode: escalationDigests.provinceCode });
      if (claimed.length === 0) return undefined;
      const name = getProvince(provinceCode)?.name ?? provinceCode;
      for (const admin of admins) {
        const lang = admin.lang === 'en' ? 'en' : 'vi';
        await enqueue(
          tx,
          {
            kind: 'daily-digest',
            recipientKind: 'admin',
            to: admin.email,
            lang,
            params: {
              pointName: name,
              newCases: String(counts.fresh),
              openCases: String(counts.open),
              overdueCases: String(counts.overdue),
              date,
              consoleUrl: `${routes.consolePoints[lang]}`,
            },
          },
          keyring,
        );
      }
      return admins.length;
    });
    if (queued !== undefined) {
      provinces.push(provinceCode);
      emails += queued;
    }
  }
  return { date, provinces, emails, due: true };
}

/**
 * Runs the digest every hour in this process (beside the outbox worker and retention): a first run a minute after
 * start, then hourly (src/lib/periodic.ts: no overlapping runs, a failed run logged and tried again an hour later).
 */
export function startEscalationDigestSchedule(
  handle: Pick<DatabaseHandle, 'db'>,
  env: Pick<Env, 'escalationWorkingDays'>,
  options: {
    readonly keyring?: Keyring;
    readonly clock?: Clock;
    readonly intervalMs?: number;
    readonly firstRunDelayMs?: number;
  } = {},
): PeriodicJob<DigestRun> {
  const keyring = options.keyring ?? processKeyring();
  return startPeriodic({
    onFailure: (problem) => log.error('escalation.digest_failed', { error: problem }),
    intervalMs: options.intervalMs ?? HOUR_MS,
    firstRunDelayMs: options.firstRunDelayMs,
    run: async () => {
      const result = await runEscalationDigest(handle, keyring, {
        escalationWorkingDays: env.escalationWorkingDays,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      if (result.provinces.length > 0)
        log.info('escalation.digest_queued', {
          date: result.date,
          provinces: result.provinces.length,
          emails: result.emails,
        });
      return result;
    },
  });
}
