import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { authUsers } from './auth.ts';
import { bytea } from './columns.ts';

/**
 * TOTP codes already used by an account (to sign in, or to confirm the set-up of its second factor), kept a few minutes
 * — longer than better-auth accepts a code (its 30-second step and one on each side) — so that each code works once,
 * whichever portal instance sees it again: the database is what every instance shares. Only a keyed hash of the code.
 */
export const usedTotpCodes = pgTable(
  'console_used_totp_codes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    codeHash: bytea('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * How hard sign-in guessing is slowed for one subject — an account (a keyed hash of its e-mail address) or a browser
 * that signed in before (a keyed hash of its device cookie's id) — shared by every portal instance. `failures` counts
 * the attempts let through to the password check that did not succeed; `next_attempt_at` is when the next one may
 * be. Attempts refused for coming too early change nothing here. A row idle for an hour starts again from zero.
 */
export const signInSlowdowns = pgTable(
  'console_sign_in_slowdowns',
  {
    subjectHash: bytea('subject_hash').primaryKey(),
    failures: integer('failures').notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('console_sign_in_slowdowns_next_attempt_at_idx').on(t.nextAttemptAt)],
);
