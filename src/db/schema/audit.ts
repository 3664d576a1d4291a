import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { nullOrMatches, oneOf } from './columns.ts';

/**
 * Everything the audit log records. A view of a case's words (`case.viewed`) is recorded as much as a change is:
 * the log answers "who read or changed what, and when".
 */
export const AUDIT_ACTIONS = [
  'case.viewed',
  'case.acknowledged',
  'case.replied',
  'case.note-added',
  'case.handed-over',
  'case.closed',
  'case.safeguarding-flagged',
  'staff.invited',
  'staff.invitation-revoked',
  'staff.joined',
  'staff.added-to-point',
  'staff.removed-from-point',
  'staff.disabled',
  'staff.signed-in',
  'staff.signed-out-everywhere',
  'staff.two-factor-enabled',
  'point.updated',
  'point.checked',
  'directory.imported',
  'report.resolved',
  'outbox.retried',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The audit log: append-only (a trigger refuses UPDATE and DELETE, migration 0005), readable by the administrators of
 * the province it concerns. It holds ids and codes only: `detail` is a short code (an outcome, a reason, a count),
 * constrained so that no free text, name or message can be written into it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    // The staff account that acted; null for the system (a command, the worker).
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    caseId: uuid('case_id'),
    pointId: uuid('point_id'),
    targetUserId: text('target_user_id'),
    // The province the entry concerns (who may read it); null for national-only entries.
    provinceCode: text('province_code'),
    detail: text('detail'),
  },
  (t) => [
    check('audit_log_action_check', oneOf(t.action, AUDIT_ACTIONS)),
    check('audit_log_province_code_check', nullOrMatches(t.provinceCode, '^[0-9]{2}$')),
    check('audit_log_detail_check', nullOrMatches(t.detail, '^[a-z0-9][a-z0-9.:-]{0,63}$')),
    index('audit_log_province_at_idx').on(t.provinceCode, t.at),
    index('audit_log_case_idx').on(t.caseId),
    index('audit_log_actor_idx').on(t.actorUserId),
  ],
);
