import { and, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { outbox } from '#src/db/schema/index.ts';
import { type Clock, systemClock } from '#src/lib/clock.ts';

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
