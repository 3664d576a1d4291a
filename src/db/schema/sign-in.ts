import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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
