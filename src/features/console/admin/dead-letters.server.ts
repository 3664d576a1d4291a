/**
 * The outbox's dead letters for administrators (`/quan-ly/thu-khong-gui-duoc`): e-mails that failed for good, with who
 * they were for (a kind, never an address), what kind of notice, the error class, the attempts and the dates — never
 * a body or an address, which stay sealed in the row. A dead letter about a request (linked through case_notices) is
 * tied to the province of the point that holds the request; one tied to no request (an invitation, a staff notice, a
 * digest) has no province and is shown to national administrators only. "Send again" puts the row back in the queue
 * with a fresh set of attempts, audited as `outbox.retried`.
 */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { caseNotices, cases, locations, outbox } from '#src/db/schema/index.ts';
import { retryDeadLetter } from '#src/features/outbox/dead-letters.server.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canSeeProvinceRecords } from '../policy.ts';
import type { Principal } from '../principal.ts';

export const DEAD_LETTERS_LIMIT = 200;

export interface AdminDeadLetter {
  readonly id: string;
  readonly kind: string;
  readonly recipientKind: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  /** When the last attempt failed (the worker stamps it on the row as it gives up). */
  readonly failedAt: Date;
  readonly provinceCode: string | null;
}

function deadRows(db: Database, where: SQL | undefined) {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      recipientKind: outbox.recipientKind,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      failedAt: outbox.nextAttemptAt,
      provinceCode: locations.provinceCode,
    })
    .from(outbox)
    .leftJoin(caseNotices, eq(caseNotices.outboxId, outbox.id))
    .leftJoin(cases, eq(cases.id, caseNotices.caseId))
    .leftJoin(locations, eq(locations.id, cases.pointId))
    .where(and(eq(outbox.status, 'dead'), where));
}

/**
 * Dead letters the principal may see, newest first: a provincial administrator those of their province; a national
 * administrator all of them, or one province's when `province` is given.
 */
export async function listDeadLettersFor(
  db: Database,
  principal: Principal,
  province: string | null,
): Promise<AdminDeadLetter[]> {
  if (province !== null && !canSeeProvinceRecords(principal, province)) return [];
  if (province === null && principal.role !== 'national-admin') return [];
  const rows = await deadRows(db, province === null ? undefined : eq(locations.provinceCode, province))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(DEAD_LETTERS_LIMIT);
  const seen = new Set<string>();
  return rows.filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
}

/** Sends a dead letter again (back to pending, attempts reset), audited. False when not dead or not the principal's. */
export async function retryDeadLetterAsAdmin(
  acting: { readonly db: Database; readonly principal: Principal; readonly now: Date },
  outboxId: string,
): Promise<boolean> {
  const { db, principal, now } = acting;
  if (!isUuid(outboxId)) return false;
  return db.transaction(async (tx) => {
    const [row] = await deadRows(tx, eq(outbox.id, outboxId)).limit(1);
    if (row === undefined || !canSeeProvinceRecords(principal, row.provinceCode)) return false;
    if (!(await retryDeadLetter(tx, outboxId, { now: () => now }))) return false;
    await recordAudit(tx, {
      action: 'outbox.retried',
      actorUserId: principal.userId,
      at: now,
      provinceCode: row.provinceCode,
      detail: row.kind,
    });
    return true;
  });
}
