/**
 * Reading the audit log (`/quan-ly/nhat-ky`): a province's entries, newest first, a page at a time, optionally one
 * action only; the actor and the account an entry is about are shown by name, the point by its name. A provincial
 * administrator reads their province's entries only; a national administrator reads all (or one province's). The
 * table itself is append-only (migration 0005): nothing here could change it, and nothing does.
 */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '#src/db/client.server.ts';
import { AUDIT_ACTIONS, auditLog, authUsers, locations, type AuditAction } from '#src/db/schema/index.ts';
import { canSeeProvinceRecords } from '../policy.ts';
import type { Principal } from '../principal.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  /** A province, or null for every province the principal may read (national: all, including entries of none). */
  readonly province: string | null;
  readonly action: AuditAction | null;
  readonly page: number;
}

export function readAuditFilters(params: URLSearchParams, province: string | null): AuditFilters {
  const action = params.get('action') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    province,
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : null,
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export interface AuditRow {
  readonly id: string;
  readonly at: Date;
  readonly action: AuditAction;
  /** The actor's name; null for the system (a command, the worker) or an account that no longer exists. */
  readonly actorName: string | null;
  readonly targetName: string | null;
  readonly pointName: string | null;
  readonly caseId: string | null;
  readonly provinceCode: string | null;
  readonly detail: string | null;
}

export interface AuditPage {
  readonly rows: readonly AuditRow[];
  readonly hasNext: boolean;
}

/** One page of entries the principal may read under these filters; empty when they may read none of them. */
export async function loadAuditPage(db: Database, principal: Principal, filters: AuditFilters): Promise<AuditPage> {
  const where: SQL[] = [];
  if (filters.province !== null) {
    if (!canSeeProvinceRecords(principal, filters.province)) return { rows: [], hasNext: false };
    where.push(eq(auditLog.provinceCode, filters.province));
  } else if (principal.role !== 'national-admin') {
    return { rows: [], hasNext: false };
  }
  if (filters.action !== null) where.push(eq(auditLog.action, filters.action));
  const actor = alias(authUsers, 'actor');
  const target = alias(authUsers, 'target');
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorName: actor.name,
      targetName: target.name,
      pointName: locations.name,
      caseId: auditLog.caseId,
      provinceCode: auditLog.provinceCode,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .leftJoin(target, eq(target.id, auditLog.targetUserId))
    .leftJoin(locations, eq(locations.id, auditLog.pointId))
    .where(where.length === 0 ? undefined : and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filters.page - 1) * AUDIT_PAGE_SIZE);
  return {
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, action: row.action as AuditAction })),
    hasNext: rows.length > AUDIT_PAGE_SIZE,
  };
}
