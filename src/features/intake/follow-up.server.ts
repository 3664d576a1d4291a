/**
 * Following a request with its receipt code (`/theo-doi`, `/en/track`): see the status, the point and the replies; add
 * a follow-up message; withdraw the request (its encrypted content is deleted at once).
 *
 * A wrong code gets the same answer whatever the reason (malformed, unknown, purged): `null` / `not-found`. The callers
 * (page, API) rate-limit every look-up with the anti-abuse `track` limiter before calling these functions, and post the
 * code in a form body, never in a URL.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import {
  caseMessages,
  caseNotes,
  cases,
  intakeFormTokens,
  locations,
  organizations,
  phones,
} from '#src/db/schema/index.ts';
import { open, seal } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { AgeBand, CaseStatus, HelpWanted, OperatorKind, RequesterKind } from '#src/features/lists/index.ts';
import type { Clock } from '#src/lib/clock.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import {
  caseMessageContext,
  findCaseByCode,
  purgeCaseNotices,
  recordCaseEvent,
  type LiveCase,
} from './case-store.server.ts';
import { toRoutedPoint } from './routing.server.ts';
import { getIntakeServices, type IntakeServices } from './services.server.ts';
import { normalizeFreeText } from './text.ts';
import type { CaseView, IntakeFieldError, RoutedPoint } from './types.ts';

export interface FollowUpOptions {
  services?: IntakeServices;
  clock?: Clock;
}

/** What adding a follow-up message did. */
export type FollowUpResult =
  | { kind: 'added' }
  | { kind: 'not-found' }
  | { kind: 'invalid'; errors: readonly IntakeFieldError[] }
  /** Closed or withdrawn: the page suggests a new request instead. */
  | { kind: 'closed'; status: 'closed' | 'withdrawn' };

/** The field name of a follow-up message (form and errors). */
export const FOLLOW_UP_TEXT_FIELD = 'text';

/** The case a receipt code belongs to, as its requester may see it; `null` for any wrong, malformed or purged code. */
export async function lookupCase(code: unknown, options: FollowUpOptions = {}): Promise<CaseView | null> {
  const services = options.services ?? (await getIntakeServices());
  const keyring = services.keyring();
  const { db } = await services.database();
  const found = await findCaseByCode(db, keyring, code);
  if (found === undefined) return null;
  const point = await pointOf(services, db, found.pointId);
  const messages = await readMessages(db, keyring, found.id);
  return {
    status: found.status as CaseStatus,
    createdAt: found.createdAt,
    point,
    messages,
    withdrawn: found.withdrawnAt !== null,
    who: found.requesterKind as RequesterKind,
    ageBand: found.ageBand as AgeBand,
    helpWanted: found.helpWanted as HelpWanted,
  };
}

/** Adds the requester's follow-up message to the case (sealed), unless the case is closed or withdrawn. */
export async function addFollowUp(
  code: unknown,
  text: unknown,
  options: FollowUpOptions = {},
): Promise<FollowUpResult> {
  const services = options.services ?? (await getIntakeServices());
  const clock = options.clock ?? services.clock;
  const keyring = services.keyring();
  const checked = normalizeFreeText(text);
  const { db } = await services.database();
  return db.transaction(async (tx) => {
    const found = await findCaseByCode(tx, keyring, code, { forUpdate: true });
    if (found === undefined) return { kind: 'not-found' } as const;
    if (found.status === 'closed' || found.status === 'withdrawn')
      return { kind: 'closed', status: found.status } as const;
    if (!checked.ok) {
      return {
        kind: 'invalid',
        errors: [{ field: FOLLOW_UP_TEXT_FIELD, messageKey: `intake.message.${checked.reason}` }],
      } as const;
    }
    if (checked.value === null) {
      return {
        kind: 'invalid',
        errors: [{ field: FOLLOW_UP_TEXT_FIELD, messageKey: 'intake.followUp.textRequired' }],
      } as const;
    }
    const id = randomUUID();
    await tx.insert(caseMessages).values({
      id,
      caseId: found.id,
      sender: 'requester',
      body: seal(keyring, checked.value, caseMessageContext(id)),
      createdAt: clock.now(),
    });
    return { kind: 'added' } as const;
  });
}

/**
 * Withdraws the request: in one transaction the case's payload and every message body are deleted, its notices are
 * purged from the outbox (a pending one is cancelled), the receipt kept sealed for a resend of its form is deleted (a
 * withdrawn request never shows its receipt again), and the status becomes `withdrawn`. True when the code matched
 * (also when it was already withdrawn); false for any wrong code.
 */
export async function withdraw(code: unknown, options: FollowUpOptions = {}): Promise<boolean> {
  const services = options.services ?? (await getIntakeServices());
  const clock = options.clock ?? services.clock;
  const keyring = services.keyring();
  const { db } = await services.database();
  return db.transaction(async (tx) => {
    const found = await findCaseByCode(tx, keyring, code, { forUpdate: true });
    if (found === undefined) return false;
    const now = clock.now();
    // Already withdrawn: the payload is gone (a CHECK says so); messages and notices are erased again, harmlessly.
    await eraseContent(tx, found, now);
    if (found.status !== 'withdrawn') {
      await tx
        .update(cases)
        .set({ status: 'withdrawn', withdrawnAt: now, payload: null })
        .where(eq(cases.id, found.id));
      await recordCaseEvent(tx, {
        caseId: found.id,
        at: now,
        from: found.status as CaseStatus,
        to: 'withdrawn',
        actor: 'requester',
      });
    }
    return true;
  });
}

async function eraseContent(tx: Database, found: LiveCase, now: Date): Promise<void> {
  await tx
    .update(caseMessages)
    .set({ body: null, purgedAt: now })
    .where(and(eq(caseMessages.caseId, found.id), isNotNull(caseMessages.body)));
  await tx
    .update(caseNotes)
    .set({ body: null, purgedAt: now })
    .where(and(eq(caseNotes.caseId, found.id), isNotNull(caseNotes.body)));
  await purgeCaseNotices(tx, [found.id]);
  // The form's token row stays (one form, one case: a resend still writes nothing); only its sealed receipt goes.
  await tx
    .update(intakeFormTokens)
    .set({ resend: null, resendUntil: null })
    .where(and(eq(intakeFormTokens.caseId, found.id), isNotNull(intakeFormTokens.resend)));
}

async function readMessages(db: Database, keyring: Keyring, caseId: string): Promise<CaseView['messages']> {
  const rows = await db
    .select({
      id: caseMessages.id,
      sender: caseMessages.sender,
      body: caseMessages.body,
      createdAt: caseMessages.createdAt,
    })
    .from(caseMessages)
    .where(and(eq(caseMessages.caseId, caseId), isNotNull(caseMessages.body)))
    .orderBy(asc(caseMessages.createdAt), asc(caseMessages.id));
  const messages: { from: 'staff' | 'requester'; at: Date; text: string }[] = [];
  for (const row of rows) {
    if (row.body === null) continue;
    try {
      messages.push({
        from: row.sender === 'staff' ? 'staff' : 'requester',
        at: row.createdAt,
        text: open(keyring, row.body, caseMessageContext(row.id)),
      });
    } catch (error) {
      // A key removed from the keyring too early: the message cannot be shown, the rest still can.
      log.warn('intake.message_unreadable', { message: row.id, error: describeError(error) });
    }
  }
  return messages;
}

async function pointOf(services: IntakeServices, db: Database, pointId: string): Promise<RoutedPoint> {
  const directory = await services.directory().catch(() => undefined);
  const fromSnapshot = directory?.byId?.get(pointId) ?? directory?.points.find((point) => point.id === pointId);
  if (fromSnapshot !== undefined) return toRoutedPoint(fromSnapshot);
  // Not in the snapshot (a demo point outside demo mode, or a point taken out since): read its public columns.
  const [row] = await db
    .select({
      id: locations.id,
      name: locations.name,
      address: locations.address,
      provinceCode: locations.provinceCode,
      communeCode: locations.communeCode,
      isDemo: locations.isDemo,
      organizationName: organizations.name,
      operatorKind: organizations.operatorKind,
    })
    .from(locations)
    .innerJoin(organizations, eq(organizations.id, locations.organizationId))
    .where(eq(locations.id, pointId))
    .limit(1);
  if (row === undefined) throw new Error(`The point ${pointId} of a case is missing`);
  const numbers = await db.select({ number: phones.number }).from(phones).where(eq(phones.locationId, pointId));
  return {
    id: row.id,
    name: row.name,
    operatorKind: row.operatorKind as OperatorKind,
    organizationName: row.organizationName,
    provinceCode: row.provinceCode,
    communeCode: row.communeCode,
    phones: numbers.map((phone) => phone.number),
    address: row.address,
    isDemo: row.isDemo,
  };
}
