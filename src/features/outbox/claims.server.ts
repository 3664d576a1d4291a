/**
 * The outbox rows' life on the database side: claim with a lease, mark sent, record a failure, release. Every change a
 * worker makes after claiming is conditional on its lease token, so a worker whose lease expired (and whose rows were
 * claimed by another) changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { outbox } from '#src/db/schema/index.ts';

/** A row a worker holds: what it needs to send it, and the lease that lets it mark the row afterwards. */
export interface ClaimedRow {
  readonly id: string;
  readonly kind: string;
  readonly recipientKind: string;
  readonly payload: Uint8Array;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly claimedUntil: Date;
  readonly leaseToken: string;
}

/** The lease part of a claimed row. */
export type Lease = Pick<ClaimedRow, 'id' | 'leaseToken'>;

/**
 * Claims up to `limit` due rows (pending, `next_attempt_at` reached, not under another live lease), oldest first, in
 * one short transaction: `SELECT … FOR UPDATE SKIP LOCKED` (so concurrent workers take different rows without
 * waiting), then `claimed_until = now + leaseMs` and a fresh lease token. Nothing is sent inside the transaction.
 */
export async function claimBatch(
  db: Database,
  options: { readonly limit: number; readonly leaseMs: number; readonly now: Date },
): Promise<ClaimedRow[]> {
  const { limit, leaseMs, now } = options;
  const claimedUntil = new Date(now.getTime() + leaseMs);
  const leaseToken = randomUUID();
  // Rows get `next_attempt_at = now()` from the database, with microseconds; a Date has milliseconds. Counting the
  // whole current millisecond as due keeps a row written a few microseconds ago from waiting for the next poll.
  const dueBy = new Date(now.getTime() + 1);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'pending'),
          lt(outbox.nextAttemptAt, dueBy),
          or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    const claimed = await tx.update(outbox).set({ claimedUntil, leaseToken }).where(inArray(outbox.id, ids)).returning({
      id: outbox.id,
      kind: outbox.kind,
      recipientKind: outbox.recipientKind,
      payload: outbox.payload,
      attempts: outbox.attempts,
    });
    const order = new Map(ids.map((id, index) => [id, index]));
    return claimed
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
      .map((row) => ({ ...row, claimedUntil, leaseToken }));
  });
}

const held = (lease: Lease) =>
  and(eq(outbox.id, lease.id), eq(outbox.leaseToken, lease.leaseToken), eq(outbox.status, 'pending'));

/** Marks a claimed row sent. False when the lease was lost (another worker holds or finished the row). */
export async function markSent(db: Database, lease: Lease, now: Date): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: now,
      attempts: sql`${outbox.attempts} + 1`,
      lastError: null,
      claimedUntil: null,
      leaseToken: null,
    })
    .where(held(lease))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

/**
 * Records a failed attempt: the row waits until `nextAttemptAt`, or becomes a dead letter (`dead: true`). `error` is
 * a short class, never a body. False when the lease was lost.
 */
export async function recordFailure(
  db: Database,
  lease: Lease,
  failure: { readonly error: string; readonly dead: boolean; readonly nextAttemptAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({
      status: failure.dead ? 'dead' : 'pending',
      attempts: sql`${outbox.attempts} + 1`,
      lastError: failure.error,
      nextAttemptAt: failure.nextAttemptAt,
      claimedUntil: null,
      leaseToken: null,
    })
    .where(held(lease))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

/** Gives claimed rows back unsent (a stopping worker), so any worker may take them at once. Returns how many. */
export async function releaseClaims(db: Database, leases: readonly Lease[]): Promise<number> {
  if (leases.length === 0) return 0;
  const [first] = leases;
  const sameToken = leases.every((lease) => lease.leaseToken === first?.leaseToken);
  const where = sameToken
    ? and(
        inArray(
          outbox.id,
          leases.map((lease) => lease.id),
        ),
        eq(outbox.leaseToken, first?.leaseToken ?? ''),
        eq(outbox.status, 'pending'),
      )
    : or(...leases.map(held));
  const rows = await db
    .update(outbox)
    .set({ claimedUntil: null, leaseToken: null })
    .where(where)
    .returning({ id: outbox.id });
  return rows.length;
}
