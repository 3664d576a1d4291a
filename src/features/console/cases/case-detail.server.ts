/**
 * A case as its point's staff see it, decrypted. Reading it records `case.viewed` in the audit log FIRST (committed
 * before any text is decrypted), so there is no reading without its trace. Anyone who may not work on the case gets
 * `undefined`, exactly as for a case that does not exist: the page answers 404 and reveals nothing.
 */
import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '#src/db/client.server.ts';
import {
  authUsers,
  caseEvents,
  caseHandovers,
  caseMessages,
  caseNotes,
  cases,
  locations,
  organizations,
  staffProfiles,
} from '#src/db/schema/index.ts';
import { open } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { caseMessageContext, openCasePayload, type CasePayload } from '#src/features/intake/case-store.server.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import type { CaseStatus } from '#src/features/lists/index.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { recordAudit } from '../audit/record.server.ts';
import { canWorkOnCase } from '../policy.ts';
import type { Principal } from '../principal.ts';

/** The additional authenticated data of a staff note's body. */
export const caseNoteContext = (noteId: string): string => `case-note:${noteId}:body`;

export type HistoryEntry =
  | {
      readonly kind: 'status';
      readonly at: Date;
      readonly from: string | null;
      readonly to: string;
      readonly actor: string;
    }
  | {
      readonly kind: 'handover';
      readonly at: Date;
      readonly fromPoint: string;
      readonly toPoint: string;
      readonly reason: string;
    };

export interface CaseDetail {
  readonly id: string;
  readonly status: CaseStatus;
  readonly createdAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly closedAt: Date | null;
  readonly outcome: string | null;
  readonly helpWanted: string;
  readonly requesterKind: string;
  readonly ageBand: string;
  readonly communeCode: string | null;
  readonly provinceCode: string | null;
  readonly lang: 'vi' | 'en';
  readonly routingReason: string;
  readonly routingDistanceKm: number;
  readonly point: { readonly id: string; readonly name: string; readonly provinceCode: string };
  readonly safeguarding: string | null;
  readonly safeguardingAt: Date | null;
  /** What the requester wrote and left; null when there was nothing, or it was withdrawn or purged. */
  readonly payload: CasePayload | null;
  readonly contentGone: 'withdrawn' | 'purged' | null;
  readonly messages: ReadonlyArray<{ readonly from: 'staff' | 'requester'; readonly at: Date; readonly text: string }>;
  readonly notes: ReadonlyArray<{ readonly at: Date; readonly pointName: string; readonly text: string }>;
  readonly history: readonly HistoryEntry[];
}

/** The case row and its point, if `principal` may work on it; undefined otherwise (or when there is no such case). */
export async function findWorkableCase(db: Database, principal: Principal, caseId: string) {
  if (!isUuid(caseId)) return undefined;
  const [row] = await db
    .select({ case: cases, pointName: locations.name, pointProvince: locations.provinceCode })
    .from(cases)
    .innerJoin(locations, eq(locations.id, cases.pointId))
    .where(eq(cases.id, caseId))
    .limit(1);
  if (row === undefined || !canWorkOnCase(principal, { pointId: row.case.pointId })) return undefined;
  return row;
}

function openOrNull(keyring: Keyring, sealed: Uint8Array | null, context: string, what: string): string | null {
  if (sealed === null) return null;
  try {
    return open(keyring, sealed, context);
  } catch (error) {
    log.warn('console.unreadable', { what, error: describeError(error) });
    return null;
  }
}

/** The case for its point's staff, decrypted, after recording the view. */
export async function loadCaseDetail(
  db: Database,
  keyring: Keyring,
  principal: Principal,
  caseId: string,
  now: Date,
): Promise<CaseDetail | undefined> {
  const row = await findWorkableCase(db, principal, caseId);
  if (row === undefined) return undefined;
  const found = row.case;
  await recordAudit(db, {
    action: 'case.viewed',
    actorUserId: principal.userId,
    at: now,
    caseId: found.id,
    pointId: found.pointId,
    provinceCode: row.pointProvince,
  });

  let payload: CasePayload | null = null;
  if (found.payload !== null) {
    try {
      payload = openCasePayload(keyring, found.id, found.payload);
    } catch (error) {
      log.warn('console.unreadable', { what: 'case-payload', error: describeError(error) });
    }
  }
  const messageRows = await db
    .select({
      id: caseMessages.id,
      sender: caseMessages.sender,
      body: caseMessages.body,
      createdAt: caseMessages.createdAt,
    })
    .from(caseMessages)
    .where(and(eq(caseMessages.caseId, found.id), isNotNull(caseMessages.body)))
    .orderBy(asc(caseMessages.createdAt), asc(caseMessages.id));
  const messages = messageRows.flatMap((message) => {
    const text = openOrNull(keyring, message.body, caseMessageContext(message.id), 'case-message');
    return text === null
      ? []
      : [
          {
            from: message.sender === 'staff' ? ('staff' as const) : ('requester' as const),
            at: message.createdAt,
            text,
          },
        ];
  });
  const noteRows = await db
    .select({ id: caseNotes.id, body: caseNotes.body, createdAt: caseNotes.createdAt, pointName: locations.name })
    .from(caseNotes)
    .innerJoin(locations, eq(locations.id, caseNotes.pointId))
    .where(and(eq(caseNotes.caseId, found.id), isNotNull(caseNotes.body)))
    .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  const notes = noteRows.flatMap((note) => {
    const text = openOrNull(keyring, note.body, caseNoteContext(note.id), 'case-note');
    return text === null ? [] : [{ at: note.createdAt, pointName: note.pointName, text }];
  });

  const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, found.id)).orderBy(asc(caseEvents.at));
  const fromPoint = alias(locations, 'from_point');
  const toPoint = alias(locations, 'to_point');
  const handovers = await db
    .select({ at: caseHandovers.at, reason: caseHandovers.reason, fromPoint: fromPoint.name, toPoint: toPoint.name })
    .from(caseHandovers)
    .innerJoin(fromPoint, eq(fromPoint.id, caseHandovers.fromPointId))
    .innerJoin(toPoint, eq(toPoint.id, caseHandovers.toPointId))
    .where(eq(caseHandovers.caseId, found.id));
  const history: HistoryEntry[] = [
    ...events.map((event) => ({
      kind: 'status' as const,
      at: event.at,
      from: event.fromStatus,
      to: event.toStatus,
      actor: event.actorKind,
    })),
    ...handovers.map((handover) => ({ kind: 'handover' as const, ...handover })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    id: found.id,
    status: found.status as CaseStatus,
    createdAt: found.createdAt,
    acknowledgedAt: found.acknowledgedAt,
    closedAt: found.closedAt,
    outcome: found.outcome,
    helpWanted: found.helpWanted,
    requesterKind: found.requesterKind,
    ageBand: found.ageBand,
    communeCode: found.communeCode,
    provinceCode: found.provinceCode,
    lang: found.lang === 'en' ? 'en' : 'vi',
    routingReason: found.routingReason,
    routingDistanceKm: found.routingDistanceKm,
    point: { id: found.pointId, name: row.pointName, provinceCode: row.pointProvince },
    safeguarding: found.safeguarding,
    safeguardingAt: found.safeguardingAt,
    payload,
    contentGone: found.purgedAt !== null ? 'purged' : found.withdrawnAt !== null ? 'withdrawn' : null,
    messages,
    notes,
    history,
  };
}

/** Points a case can be handed over to: the active points of the same province first, then the rest of the country. */
export async function handoverTargets(
  db: Database,
  currentPointId: string,
  provinceCode: string,
): Promise<Array<{ id: string; name: string; provinceCode: string; organization: string }>> {
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      provinceCode: locations.provinceCode,
      organization: organizations.name,
    })
    .from(locations)
    .innerJoin(organizations, eq(organizations.id, locations.organizationId))
    .where(
      and(
        ne(locations.id, currentPointId),
        inArray(locations.status, ['active']),
        eq(locations.provinceCode, provinceCode),
      ),
    )
    .orderBy(asc(locations.name));
  return rows;
}

/** The active administrators of a province, by name: whom point staff tell about a safeguarding concern. */
export async function provinceAdministrators(
  db: Database,
  provinceCode: string,
): Promise<Array<{ name: string; email: string }>> {
  return db
    .select({ name: authUsers.name, email: authUsers.email })
    .from(staffProfiles)
    .innerJoin(authUsers, eq(authUsers.id, staffProfiles.userId))
    .where(
      and(
        eq(staffProfiles.role, 'province-admin'),
        eq(staffProfiles.provinceCode, provinceCode),
        isNull(staffProfiles.disabledAt),
      ),
    )
    .orderBy(asc(authUsers.name));
}
