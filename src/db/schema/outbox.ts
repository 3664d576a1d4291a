import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { OUTBOX_STATUSES } from './codes.ts';
import { bytea, oneOf } from './columns.ts';

/**
 * Transactional outbox: a message is written in the same transaction as the change it announces and sent only after
 * commit, by a worker that claims rows with a lease (`claimed_until`) and marks them sent. The row id is the
 * provider's idempotency key, so a second send after an expired lease is harmless.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // What to send (e.g. "new-case") and to whom (e.g. "point-staff", "requester"): src/features/outbox/message.ts.
    kind: text('kind').notNull(),
    recipientKind: text('recipient_kind').notNull(),
    // Encrypted: a requester's address is personal data, so it never sits here in clear.
    payload: bytea('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    // A fresh token per claim: a worker whose lease expired (and was claimed again) cannot mark the row any more.
    leaseToken: uuid('lease_token'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    check('outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
    check('outbox_attempts_check', sql`${t.attempts} >= 0`),
    check('outbox_sent_at_check', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check('outbox_lease_check', sql`(${t.claimedUntil} is null) = (${t.leaseToken} is null)`),
    // The worker's claim: status = 'pending' and next_attempt_at <= now(), oldest first.
    index('outbox_claim_idx').on(t.status, t.nextAttemptAt),
  ],
);
