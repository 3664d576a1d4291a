import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { outbox } from '#src/db/schema/index.ts';
import { type Clock, systemClock } from '#src/lib/clock.ts';

/** What the console may show about an e-mail that failed for good: never the address or the body. */
export interface DeadLetter {
  readonly id: string;
  readonly kind: string;
  readonly recipientKind: string;
  readonly attempts: number;
  /** A short error class, e.g. `http_422:validation_error` or `timeout`. */
  readonly lastError: string | null;
  readonly createdAt: Date;
}

/** Dead letters, newest first. */
export async function listDeadLetters(db: Database, options: { readonly limit?: number } = {}): Promise<DeadLetter[]> {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      recipientKind: outbox.recipientKind,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.status, 'dead'))
    .orderBy(desc(outbox.createdAt))
    .limit(options.limit ?? 100);
}

/**
 * Puts a dead letter back in the queue with a fresh set of attempts, due now (the console's "try again", after the
 * cause is fixed). True when a dead row with that id existed; false otherwise (unknown id, pending or sent).
 */
export async function retryDeadLetter(db: Database, id: string, clock: Clock = systemClock): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  const rows = await db
    .update(outbox)
    .set({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: clock.now(),
      lastError: null,
      claimedUntil: null,
      leaseToken: null,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'dead')))
    .returning({ id: outbox.id });
  return rows.length === 1;
}
