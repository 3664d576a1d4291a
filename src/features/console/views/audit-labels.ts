/** The label key of each audit action (i18n keys cannot hold the actions' dots and dashes). */
import type { AuditAction } from '#src/db/schema/audit.ts';
import type { MessageKey } from '#src/i18n/index.ts';

const KEYS: Record<AuditAction, MessageKey> = {
  'case.viewed': 'console.admin.audit.action.caseViewed',
  'case.acknowledged': 'console.admin.audit.action.caseAcknowledged',
  'case.replied': 'console.admin.audit.action.caseReplied',
  'case.note-added': 'console.admin.audit.action.caseNoteAdded',
  'case.handed-over': 'console.admin.audit.action.caseHandedOver',
  'case.closed': 'console.admin.audit.action.caseClosed',
  'case.safeguarding-flagged': 'console.admin.audit.action.caseSafeguardingFlagged',
  'staff.invited': 'console.admin.audit.action.staffInvited',
  'staff.invitation-revoked': 'console.admin.audit.action.staffInvitationRevoked',
  'staff.joined': 'console.admin.audit.action.staffJoined',
  'staff.added-to-point': 'console.admin.audit.action.staffAddedToPoint',
  'staff.removed-from-point': 'console.admin.audit.action.staffRemovedFromPoint',
  'staff.disabled': 'console.admin.audit.action.staffDisabled',
  'staff.signed-in': 'console.admin.audit.action.staffSignedIn',
  'staff.signed-out-everywhere': 'console.admin.audit.action.staffSignedOutEverywhere',
  'staff.two-factor-enabled': 'console.admin.audit.action.staffTwoFactorEnabled',
  'point.updated': 'console.admin.audit.action.pointUpdated',
  'point.checked': 'console.admin.audit.action.pointChecked',
  'directory.imported': 'console.admin.audit.action.directoryImported',
  'report.resolved': 'console.admin.audit.action.reportResolved',
  'outbox.retried': 'console.admin.audit.action.outboxRetried',
};

export function auditActionKey(action: AuditAction): MessageKey {
  return KEYS[action];
}
