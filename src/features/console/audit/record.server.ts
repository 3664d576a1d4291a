import type { Database } from '#src/db/client.server.ts';
import { auditLog, type AuditAction } from '#src/db/schema/index.ts';

/** One audit entry: ids and codes only (the table refuses anything that looks like free text in `detail`). */
export interface AuditEntry {
  readonly action: AuditAction;
  /** The staff account that acted; null for the system. */
  readonly actorUserId: string | null;
  readonly at: Date;
  readonly caseId?: string | undefined;
  readonly pointId?: string | undefined;
  readonly targetUserId?: string | undefined;
  /** The province the entry concerns: its administrators read it. */
  readonly provinceCode?: string | null | undefined;
  /** A code: an outcome, a reason, a count. */
  readonly detail?: string | undefined;
}

/**
 * Appends an entry to the audit log. Call it INSIDE the transaction of the change it records (or, for a view, before
 * the text is shown), so there is never a change, or a reading, without its entry.
 */
export async function recordAudit(tx: Database, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    action: entry.action,
    actorUserId: entry.actorUserId,
    at: entry.at,
    caseId: entry.caseId ?? null,
    pointId: entry.pointId ?? null,
    targetUserId: entry.targetUserId ?? null,
    provinceCode: entry.provinceCode ?? null,
    detail: entry.detail ?? null,
  });
}
