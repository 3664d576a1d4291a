/**
 * Reading and writing cases: sealing and opening their encrypted fields, finding a case by its receipt code (through
 * the keyed hash only), and linking outbox rows to a case so they are purged with it.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { caseEvents, caseNotices, cases, outbox, type CaseActorKind } from '#src/db/schema/index.ts';
import { open, seal } from '#src/features/crypto/field-encryption.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import type { OutboxMessage } from '#src/features/outbox/message.ts';
import type { CaseStatus } from '#src/features/lists/index.ts';
import { normalizeReceiptCode, receiptCodeLookupHashes } from './receipt-code.ts';
import { CONTACT_KINDS, PREFERRED_TIMES, type ContactKind, type PreferredTime } from './schema.ts';

/** The additional authenticated data of a case's payload: a payload copied into another case does not open. */
export const casePayloadContext = (caseId: string): string => `case:${caseId}:payload`;

/** The additional authenticated data of a case message's body. */
export const caseMessageContext = (messageId: string): string => `case-message:${messageId}:body`;

/** What a case's sealed payload holds. */
export interface CasePayload {
  message: string | null;
  contact: { kind: ContactKind; value: string } | null;
  preferredTime: PreferredTime | null;
}

const PAYLOAD_VERSION = 1;

/** Seals a case's payload; `null` when there is nothing to keep (no message, no contact, no preferred time). */
export function sealCasePayload(keyring: Keyring, caseId: string, payload: CasePayload): Buffer | null {
  if (payload.message === null && payload.contact === null && payload.preferredTime === null) return null;
  const json = JSON.stringify({ v: PAYLOAD_VERSION, ...payload });
  return seal(keyring, json, casePayloadContext(caseId));
}

/** Opens a case's payload (for the console). Throws `DecryptionError` when it does not open. */
export function openCasePayload(keyring: Keyring, caseId: string, sealed: Uint8Array): CasePayload {
  const value: unknown = JSON.parse(open(keyring, sealed, casePayloadContext(caseId)));
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const message = typeof record['message'] === 'string' ? record['message'] : null;
  const rawContact = record['contact'];
  let contact: CasePayload['contact'] = null;
  if (typeof rawContact === 'object' && rawContact !== null) {
    const { kind, value: contactValue } = rawContact as Record<string, unknown>;
    if (
      typeof kind === 'string' &&
      (CONTACT_KINDS as readonly string[]).includes(kind) &&
      typeof contactValue === 'string'
    ) {
      contact = { kind: kind as ContactKind, value: contactValue };
    }
  }
  const time = record['preferredTime'];
  const preferredTime =
    typeof time === 'string' && (PREFERRED_TIMES as readonly string[]).includes(time) ? (time as PreferredTime) : null;
  return { message, contact, preferredTime };
}

/** The columns of a case the follow-up and the requester's actions need. */
export const liveCaseColumns = {
  id: cases.id,
  pointId: cases.pointId,
  status: cases.status,
  createdAt: cases.createdAt,
  requesterKind: cases.requesterKind,
  ageBand: cases.ageBand,
  helpWanted: cases.helpWanted,
  withdrawnAt: cases.withdrawnAt,
  lang: cases.lang,
};

export type LiveCase = {
  id: string;
  pointId: string;
  status: string;
  createdAt: Date;
  requesterKind: string;
  ageBand: string;
  helpWanted: string;
  withdrawnAt: Date | null;
  lang: string;
};

/**
 * The case a receipt code belongs to, unless it was purged; `undefined` for anything else (malformed, unknown, purged),
 * always after the same work (one hash per key and one indexed query), so the answer's timing says nothing either.
 * `forUpdate` locks the row (inside a transaction).
 */
export async function findCaseByCode(
  db: Database,
  keyring: Keyring,
  code: unknown,
  options: { forUpdate?: boolean } = {},
): Promise<LiveCase | undefined> {
  const canonical = normalizeReceiptCode(code);
  // A malformed code is hashed too (as an impossible value), so it costs what a well-formed wrong code costs.
  const hashes = receiptCodeLookupHashes(keyring, canonical ?? '-').map((entry) => entry.hash);
  const query = db
    .select(liveCaseColumns)
    .from(cases)
    .where(and(inArray(cases.receiptHash, hashes), isNull(cases.purgedAt)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return canonical === null ? undefined : row;
}

/** Writes a status change of a case to its history. */
export async function recordCaseEvent(
  tx: Database,
  event: { caseId: string; at: Date; from: CaseStatus | null; to: CaseStatus; actor: CaseActorKind },
): Promise<void> {
  await tx
    .insert(caseEvents)
    .values({ caseId: event.caseId, at: event.at, fromStatus: event.from, toStatus: event.to, actorKind: event.actor });
}

/**
 * Queues a notice about a case (call INSIDE the transaction that makes the change it announces) and links it to the
 * case, so withdrawing and retention purge it with the case's other encrypted fields. The console uses it for
 * reply notices and hand-overs too.
 */
export async function enqueueCaseNotice(
  tx: Database,
  caseId: string,
  message: OutboxMessage,
  keyring: Keyring,
): Promise<{ id: string }> {
  const queued = await enqueue(tx, message, keyring);
  await tx.insert(caseNotices).values({ caseId, outboxId: queued.id });
  return queued;
}

/**
 * Deletes the outbox rows of these cases (sent, pending or dead alike): their sealed payloads are the cases' last
 * encrypted fields outside the case tables. A pending notice of a withdrawn case is thereby cancelled. Returns how many
 * rows went.
 */
export async function purgeCaseNotices(tx: Database, caseIds: readonly string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const deleted = await tx
    .delete(outbox)
    .where(
      inArray(
        outbox.id,
        tx
          .select({ id: caseNotices.outboxId })
          .from(caseNotices)
          .where(inArray(caseNotices.caseId, [...caseIds])),
      ),
    )
    .returning({ id: outbox.id });
  return deleted.length;
}
