/**
 * What staff do with a case: acknowledge, reply, add a note, hand over, close, flag for safeguarding. Each action runs
 * in one transaction that locks the case row, checks again that this person may work on it (the point may have changed
 * since the page was shown), applies the change with its history and audit entries, and queues its notices: the change
 * and everything it announces commit together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { caseHandovers, caseMessages, caseNotes, cases, locations } from '#src/db/schema/index.ts';
import { seal } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import {
  caseMessageContext,
  enqueueCaseNotice,
  openCasePayload,
  recordCaseEvent,
} from '#src/features/intake/case-store.server.ts';
import { normalizeFreeText } from '#src/features/intake/text.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { caseOutcomes, handoverReasons, safeguardingKinds, type CaseStatus } from '#src/features/lists/index.ts';
import { isMailAddress } from '#src/features/outbox/message.ts';
import { routes } from '#src/features/site/routes.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canWorkOnCase } from '../policy.ts';
import type { Principal } from '../principal.ts';
import { caseNoteContext } from './case-detail.server.ts';

/** Longest reply or note, in characters. */
export const STAFF_TEXT_MAX_LENGTH = 4000;

export const CASE_ACTIONS = ['acknowledge', 'reply', 'note', 'handover', 'close', 'safeguard'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What an action did: a notice to show, a field to correct, or the case is no longer this person's. */
export type ActionResult =
  | { readonly kind: 'done'; readonly notice: `${CaseAction}-done` }
  | { readonly kind: 'invalid'; readonly field: string; readonly problem: ActionProblem }
  | { readonly kind: 'gone' };

export type ActionProblem =
  | 'text-required'
  | 'text-too-long'
  | 'text-invalid'
  | 'choose-outcome'
  | 'choose-point'
  | 'choose-reason'
  | 'choose-safeguarding'
  | 'not-allowed-now'
  | 'unknown-action';

const OPEN: readonly string[] = ['new', 'acknowledged', 'in-progress'];

function staffText(raw: string): { ok: true; value: string } | { ok: false; problem: ActionProblem } {
  const result = normalizeFreeText(raw, STAFF_TEXT_MAX_LENGTH);
  if (!result.ok) return { ok: false, problem: result.reason === 'tooLong' ? 'text-too-long' : 'text-invalid' };
  if (result.value === null) return { ok: false, problem: 'text-required' };
  return { ok: true, value: result.value };
}

interface ActionContext {
  readonly db: Database;
  readonly keyring: Keyring;
  readonly principal: Principal;
  readonly now: Date;
}

export async function runCaseAction(
  context: ActionContext,
  caseId: string,
  action: string,
  fields: URLSearchParams,
): Promise<ActionResult> {
  const { db, keyring, principal, now } = context;
  if (!isUuid(caseId)) return { kind: 'gone' };
  const invalid = (field: string, problem: ActionProblem): ActionResult => ({ kind: 'invalid', field, problem });

  // Checks that need no database come first: a wrong form never opens a transaction. Every form of the case page
  // names its fields after its action (`reply-text`, `close-outcome`…), so each has its own ids on the page.
  const raw = (name: string) => fields.get(`${action}-${name}`) ?? '';
  const value = (name: string) => raw(name).trim();
  let text: string | undefined;
  if (action === 'reply' || action === 'note') {
    const checked = staffText(raw('text'));
    if (!checked.ok) return invalid('text', checked.problem);
    text = checked.value;
  }
  if (action === 'close' && !caseOutcomes.has(value('outcome'))) return invalid('outcome', 'choose-outcome');
  if (action === 'safeguard' && !safeguardingKinds.has(value('safeguarding')))
    return invalid('safeguarding', 'choose-safeguarding');
  if (action === 'handover') {
    if (!isUuid(value('toPoint'))) return invalid('toPoint', 'choose-point');
    if (!handoverReasons.has(value('reason'))) return invalid('reason', 'choose-reason');
  }
  if (!(CASE_ACTIONS as readonly string[]).includes(action)) return invalid('action', 'unknown-action');

  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(cases).where(eq(cases.id, caseId)).limit(1).for('update');
    if (found === undefined || !canWorkOnCase(principal, { pointId: found.pointId })) return { kind: 'gone' } as const;
    const [point] = await tx
      .select({ name: locations.name, provinceCode: locations.provinceCode })
      .from(locations)
      .where(eq(locations.id, found.pointId))
      .limit(1);
    const audit = (
      auditAction: Parameters<typeof recordAudit>[1]['action'],
      detail?: string,
      pointId = found.pointId,
    ) =>
      recordAudit(tx, {
        action: auditAction,
        actorUserId: principal.userId,
        at: now,
        caseId: found.id,
        pointId,
        provinceCode: point?.provinceCode ?? found.provinceCode,
        detail,
      });
    const status = found.status as CaseStatus;
    const moveTo = async (to: CaseStatus, extra: Partial<typeof cases.$inferInsert> = {}) => {
      await tx
        .update(cases)
        .set({ status: to, ...extra })
        .where(eq(cases.id, found.id));
      await recordCaseEvent(tx, { caseId: found.id, at: now, from: status, to, actor: 'staff' });
    };
    const isOpen = OPEN.includes(status) && found.purgedAt === null;

    switch (action as CaseAction) {
      case 'acknowledge': {
        if (status !== 'new') return invalid('action', 'not-allowed-now');
        await moveTo('acknowledged', { acknowledgedAt: now });
        await audit('case.acknowledged');
        return { kind: 'done', notice: 'acknowledge-done' } as const;
      }
      case 'reply': {
        if (!isOpen) return invalid('text', 'not-allowed-now');
        const id = randomUUID();
        await tx.insert(caseMessages).values({
          id,
          caseId: found.id,
          sender: 'staff',
          body: seal(keyring, text ?? '', caseMessageContext(id)),
          createdAt: now,
        });
        if (status !== 'in-progress')
          await moveTo('in-progress', found.acknowledgedAt === null ? { acknowledgedAt: now } : {});
        await audit('case.replied');
        // A requester who left an e-mail address is told that an answer is waiting — not what it says.
        const contact = found.payload === null ? null : openCasePayload(keyring, found.id, found.payload).contact;
        if (contact?.kind === 'email' && isMailAddress(contact.value)) {
          await enqueueCaseNotice(
            tx,
            found.id,
            {
              kind: 'reply-notice',
              recipientKind: 'requester',
              to: contact.value,
              lang: found.lang === 'en' ? 'en' : 'vi',
              params: {},
            },
            keyring,
          );
        }
        return { kind: 'done', notice: 'reply-done' } as const;
      }
      case 'note': {
        if (found.purgedAt !== null || found.withdrawnAt !== null) return invalid('text', 'not-allowed-now');
        const id = randomUUID();
        await tx.insert(caseNotes).values({
          id,
          caseId: found.id,
          pointId: found.pointId,
          body: seal(keyring, text ?? '', caseNoteContext(id)),
          createdAt: now,
        });
        await audit('case.note-added');
        return { kind: 'done', notice: 'note-done' } as const;
      }
      case 'handover': {
        if (!isOpen) return invalid('toPoint', 'not-allowed-now');
        const toPointId = value('toPoint');
        const [target] = await tx
          .select({
            id: locations.id,
            name: locations.name,
            email: locations.notificationEmail,
            provinceCode: locations.provinceCode,
          })
          .from(locations)
          .where(and(eq(locations.id, toPointId), eq(locations.status, 'active')))
          .limit(1);
        if (target === undefined || target.id === found.pointId) return invalid('toPoint', 'choose-point');
        const reason = value('reason');
        await tx.update(cases).set({ pointId: target.id }).where(eq(cases.id, found.id));
        await tx
          .insert(caseHandovers)
          .values({ caseId: found.id, fromPointId: found.pointId, toPointId: target.id, reason, at: now });
        const explanation = staffText(raw('text'));
        if (explanation.ok) {
          const id = randomUUID();
          await tx.insert(caseNotes).values({
            id,
            caseId: found.id,
            pointId: found.pointId,
            body: seal(keyring, explanation.value, caseNoteContext(id)),
            createdAt: now,
          });
        }
        await audit('case.handed-over', reason, target.id);
        if (target.email !== null && isMailAddress(target.email)) {
          await enqueueCaseNotice(
            tx,
            found.id,
            {
              kind: 'case-handed-over',
              recipientKind: 'point-staff',
              to: target.email,
              lang: 'vi',
              params: {
                pointName: target.name,
                consoleUrl: routes.console.vi,
                ...(point === undefined ? {} : { fromPointName: point.name }),
              },
            },
            keyring,
          );
        }
        return { kind: 'done', notice: 'handover-done' } as const;
      }
      case 'close': {
        if (!isOpen) return invalid('outcome', 'not-allowed-now');
        await moveTo('closed', { closedAt: now, outcome: value('outcome') });
        await audit('case.closed', value('outcome'));
        return { kind: 'done', notice: 'close-done' } as const;
      }
      case 'safeguard': {
        if (found.purgedAt !== null) return invalid('safeguarding', 'not-allowed-now');
        await tx
          .update(cases)
          .set({ safeguarding: value('safeguarding'), safeguardingAt: now })
          .where(eq(cases.id, found.id));
        await audit('case.safeguarding-flagged', value('safeguarding'));
        return { kind: 'done', notice: 'safeguard-done' } as const;
      }
    }
  });
}
