/**
 * What staff do with a case: acknowledge, reply, add a note, hand over, close, flag for safeguarding. The form is read
 * and checked first (a wrong form never opens a transaction); then each action runs in one transaction that locks the
 * case row, checks again that this person may work on it (the point may have changed since the page was shown), and
 * calls that action's function, which applies the change with its history and audit entries and queues its notices:
 * the change and everything it announces commit together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { caseHandovers, caseMessages, caseNotes, cases, locations } from '#src/db/schema/index.ts';
import { seal } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { caseMessageContext, enqueueCaseNotice, openCasePayload } from '#src/features/intake/case-store.server.ts';
import { normalizeFreeText } from '#src/features/intake/text.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { caseOutcomes, handoverReasons, safeguardingKinds } from '#src/features/lists/index.ts';
import { isMailAddress } from '#src/features/outbox/message.ts';
import { routes } from '#src/features/site/routes.ts';
import type { Principal } from '../principal.ts';
import { caseNoteContext } from './case-detail.server.ts';
import { lockCase, type LockedCase } from './locked-case.server.ts';

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

/** An action's form, read and checked: what its function needs, and nothing left to check but the case's state. */
type ActionForm =
  | { readonly action: 'acknowledge' }
  | { readonly action: 'reply' | 'note'; readonly text: string }
  | {
      readonly action: 'handover';
      readonly toPointId: string;
      readonly reason: string;
      /** An optional explanation, kept as a note of the old point when it is valid text. */
      readonly explanation: string | undefined;
    }
  | { readonly action: 'close'; readonly outcome: string }
  | { readonly action: 'safeguard'; readonly safeguarding: string };

type Invalid = Extract<ActionResult, { kind: 'invalid' }>;
const invalid = (field: string, problem: ActionProblem): Invalid => ({ kind: 'invalid', field, problem });

/**
 * Reads the form of `action`. Every form of the case page names its fields after its action (`reply-text`,
 * `close-outcome`…), so each has its own ids on the page.
 */
function readActionForm(action: string, fields: URLSearchParams): ActionForm | Invalid {
  const raw = (name: string) => fields.get(`${action}-${name}`) ?? '';
  const value = (name: string) => raw(name).trim();
  switch (action) {
    case 'acknowledge':
      return { action };
    case 'reply':
    case 'note': {
      const checked = staffText(raw('text'));
      return checked.ok ? { action, text: checked.value } : invalid('text', checked.problem);
    }
    case 'handover': {
      if (!isUuid(value('toPoint'))) return invalid('toPoint', 'choose-point');
      if (!handoverReasons.has(value('reason'))) return invalid('reason', 'choose-reason');
      const explanation = staffText(raw('text'));
      return {
        action,
        toPointId: value('toPoint'),
        reason: value('reason'),
        explanation: explanation.ok ? explanation.value : undefined,
      };
    }
    case 'close':
      return caseOutcomes.has(value('outcome'))
        ? { action, outcome: value('outcome') }
        : invalid('outcome', 'choose-outcome');
    case 'safeguard':
      return safeguardingKinds.has(value('safeguarding'))
        ? { action, safeguarding: value('safeguarding') }
        : invalid('safeguarding', 'choose-safeguarding');
    default:
      return invalid('action', 'unknown-action');
  }
}

/** Runs one action on a case for `context.principal`: the form is checked, then the action's function is called. */
export async function runCaseAction(
  context: ActionContext,
  caseId: string,
  action: string,
  fields: URLSearchParams,
): Promise<ActionResult> {
  if (!isUuid(caseId)) return { kind: 'gone' };
  const form = readActionForm(action, fields);
  if ('kind' in form) return form;
  return context.db.transaction(async (tx) => {
    const locked = await lockCase(tx, context, caseId);
    if (locked === undefined) return { kind: 'gone' } as const;
    switch (form.action) {
      case 'acknowledge':
        return acknowledge(locked);
      case 'reply':
        return reply(locked, form.text);
      case 'note':
        return addNote(locked, form.text);
      case 'handover':
        return handOver(locked, form);
      case 'close':
        return close(locked, form.outcome);
      case 'safeguard':
        return flagSafeguarding(locked, form.safeguarding);
    }
  });
}

async function acknowledge(c: LockedCase): Promise<ActionResult> {
  if (c.status !== 'new') return invalid('action', 'not-allowed-now');
  await c.moveTo('acknowledged', { acknowledgedAt: c.now });
  await c.audit('case.acknowledged');
  return { kind: 'done', notice: 'acknowledge-done' };
}

async function reply(c: LockedCase, text: string): Promise<ActionResult> {
  const { tx, keyring, now, found } = c;
  if (!c.isOpen) return invalid('text', 'not-allowed-now');
  const id = randomUUID();
  await tx.insert(caseMessages).values({
    id,
    caseId: found.id,
    sender: 'staff',
    body: seal(keyring, text, caseMessageContext(id)),
    createdAt: now,
  });
  if (c.status !== 'in-progress')
    await c.moveTo('in-progress', found.acknowledgedAt === null ? { acknowledgedAt: now } : {});
  await c.audit('case.replied');
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
  return { kind: 'done', notice: 'reply-done' };
}

/** An internal note of the point's staff, never shown to the requester. */
async function insertNote(c: LockedCase, text: string): Promise<void> {
  const id = randomUUID();
  await c.tx.insert(caseNotes).values({
    id,
    caseId: c.found.id,
    pointId: c.found.pointId,
    body: seal(c.keyring, text, caseNoteContext(id)),
    createdAt: c.now,
  });
}

async function addNote(c: LockedCase, text: string): Promise<ActionResult> {
  if (c.found.purgedAt !== null || c.found.withdrawnAt !== null) return invalid('text', 'not-allowed-now');
  await insertNote(c, text);
  await c.audit('case.note-added');
  return { kind: 'done', notice: 'note-done' };
}

async function handOver(c: LockedCase, form: Extract<ActionForm, { action: 'handover' }>): Promise<ActionResult> {
  const { tx, keyring, now, found, point } = c;
  if (!c.isOpen) return invalid('toPoint', 'not-allowed-now');
  const [target] = await tx
    .select({
      id: locations.id,
      name: locations.name,
      email: locations.notificationEmail,
      provinceCode: locations.provinceCode,
    })
    .from(locations)
    .where(and(eq(locations.id, form.toPointId), eq(locations.status, 'active')))
    .limit(1);
  if (target === undefined || target.id === found.pointId) return invalid('toPoint', 'choose-point');
  await tx.update(cases).set({ pointId: target.id }).where(eq(cases.id, found.id));
  await tx
    .insert(caseHandovers)
    .values({ caseId: found.id, fromPointId: found.pointId, toPointId: target.id, reason: form.reason, at: now });
  if (form.explanation !== undefined) await insertNote(c, form.explanation);
  await c.audit('case.handed-over', form.reason, target.id);
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
  return { kind: 'done', notice: 'handover-done' };
}

async function close(c: LockedCase, outcome: string): Promise<ActionResult> {
  if (!c.isOpen) return invalid('outcome', 'not-allowed-now');
  await c.moveTo('closed', { closedAt: c.now, outcome });
  await c.audit('case.closed', outcome);
  return { kind: 'done', notice: 'close-done' };
}

async function flagSafeguarding(c: LockedCase, safeguarding: string): Promise<ActionResult> {
  if (c.found.purgedAt !== null) return invalid('safeguarding', 'not-allowed-now');
  await c.tx.update(cases).set({ safeguarding, safeguardingAt: c.now }).where(eq(cases.id, c.found.id));
  await c.audit('case.safeguarding-flagged', safeguarding);
  return { kind: 'done', notice: 'safeguard-done' };
}
