/**
 * "Outdated information" reports about listings, as administrators handle them: the open reports of a province (or,
 * for a national administrator, of the country) with their reason and the reporter's optional note, decrypted here
 * (it is sealed at rest with the context `listing-report:<id>:note`; it is about a listing, not a request for help,
 * and nothing about the reporter is kept); resolving or dismissing one is audited.
 */
import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { listingReports, locations } from '#src/db/schema/index.ts';
import { open } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { reportNoteContext, type ListingReportReason } from '#src/features/lists/listing-report-reasons.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canAdministerPoint } from '../policy.ts';
import type { Principal } from '../principal.ts';

export const REPORTS_PAGE_SIZE = 100;

export interface OpenReport {
  readonly id: string;
  readonly pointId: string;
  readonly pointName: string;
  readonly provinceCode: string;
  readonly reason: ListingReportReason;
  /** The reporter's note, decrypted; null when there was none (or it cannot be read). */
  readonly note: string | null;
  readonly createdAt: Date;
}

/** Open reports, oldest first (they have waited longest), of one province or (null) every province. */
export async function listOpenReports(
  db: Database,
  keyring: Keyring,
  provinceCode: string | null,
): Promise<OpenReport[]> {
  const where: SQL[] = [eq(listingReports.status, 'open')];
  if (provinceCode !== null) where.push(eq(locations.provinceCode, provinceCode));
  const rows = await db
    .select({
      id: listingReports.id,
      pointId: listingReports.locationId,
      pointName: locations.name,
      provinceCode: locations.provinceCode,
      reason: listingReports.reason,
      note: listingReports.note,
      createdAt: listingReports.createdAt,
    })
    .from(listingReports)
    .innerJoin(locations, eq(locations.id, listingReports.locationId))
    .where(and(...where))
    .orderBy(asc(listingReports.createdAt), asc(listingReports.id))
    .limit(REPORTS_PAGE_SIZE);
  return rows.map((row) => ({
    ...row,
    reason: row.reason as ListingReportReason,
    note: readNote(keyring, row.id, row.note),
  }));
}

function readNote(keyring: Keyring, id: string, sealed: Uint8Array | null): string | null {
  if (sealed === null) return null;
  try {
    return open(keyring, sealed, reportNoteContext(id));
  } catch (error) {
    log.warn('console.report_note_unreadable', { error: describeError(error) });
    return null;
  }
}

/** How many open reports a point has. */
export async function openReportCountOfPoint(db: Database, pointId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(listingReports)
    .where(and(eq(listingReports.locationId, pointId), eq(listingReports.status, 'open')));
  return row?.n ?? 0;
}

export type ReportDecision = 'resolved' | 'dismissed';

/**
 * Closes an open report as resolved (the listing was put right, or was right) or dismissed (not about the listing),
 * audited. False when the report is not open any more, does not exist, or is about a point of another province.
 */
export async function decideReport(
  acting: { readonly db: Database; readonly principal: Principal; readonly now: Date },
  reportId: string,
  decision: ReportDecision,
): Promise<boolean> {
  const { db, principal, now } = acting;
  if (!isUuid(reportId)) return false;
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select({
        id: listingReports.id,
        status: listingReports.status,
        pointId: locations.id,
        provinceCode: locations.provinceCode,
      })
      .from(listingReports)
      .innerJoin(locations, eq(locations.id, listingReports.locationId))
      .where(eq(listingReports.id, reportId))
      .limit(1)
      .for('update', { of: listingReports });
    if (report === undefined || report.status !== 'open') return false;
    if (!canAdministerPoint(principal, { id: report.pointId, provinceCode: report.provinceCode })) return false;
    await tx.update(listingReports).set({ status: decision }).where(eq(listingReports.id, reportId));
    await recordAudit(tx, {
      action: 'report.resolved',
      actorUserId: principal.userId,
      at: now,
      pointId: report.pointId,
      provinceCode: report.provinceCode,
      detail: decision,
    });
    return true;
  });
}
