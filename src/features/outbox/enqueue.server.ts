import { randomUUID } from 'node:crypto';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Database } from '#src/db/client.server.ts';
import { outbox } from '#src/db/schema/index.ts';
import { checkMessage, type OutboxMessage } from './message.ts';
import { sealPayload } from './payload.server.ts';

/**
 * Queues an e-mail. Call it INSIDE the transaction that makes the change the e-mail announces (e.g. the intake writes
 * the case, its routing and this row in one transaction): the row exists only if that transaction commits, and the
 * worker sends it after commit. The address, language and parameters are sealed with the keyring (context
 * `outbox:<id>:payload`); only the kind and recipient kind stay readable. Throws `OutboxMessageError` (before writing
 * anything) when the message is not allowed; see `checkMessage`.
 *
 *   await db.transaction(async (tx) => {
 *     const caseId = await insertCase(tx, …);
 *     await enqueue(tx, { kind: 'new-case', recipientKind: 'point-staff', to, lang: 'vi',
 *       params: { pointName, consoleUrl: `/quan-ly/yeu-cau/${caseId}` } }, keyring);
 *   });
 */
export async function enqueue(tx: Database, message: OutboxMessage, keyring: Keyring): Promise<{ id: string }> {
  const row = outboxRow(message, keyring);
  await tx.insert(outbox).values(row);
  return { id: row.id };
}

/**
 * The outbox row for a message (checked, sealed, with its id), for a caller that writes it itself as part of a larger
 * statement (the intake writes its case, event and notice in one). Throws `OutboxMessageError` when not allowed.
 */
export function outboxRow(message: OutboxMessage, keyring: Keyring): typeof outbox.$inferInsert & { id: string } {
  checkMessage(message);
  // The id is chosen here, not by the database, because the seal is bound to it.
  const id = randomUUID();
  const payload = sealPayload(keyring, id, message.kind, {
    to: message.to,
    lang: message.lang,
    params: { ...message.params },
  });
  return { id, kind: message.kind, recipientKind: message.recipientKind, payload };
}
