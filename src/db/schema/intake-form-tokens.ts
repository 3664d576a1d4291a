import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { cases } from './cases.ts';

/**
 * The one-time tokens of the ask page's forms (issue 19, item 1): each preview form carries a random token of 256
 * bits; a send that writes a case writes the token's keyed hash here, in the same statement. The primary key makes a
 * second case for one form impossible (two taps, a reload, back and send again, any instance, both engines).
 *
 * `resend` holds the receipt code (with a digest of what was sent), sealed under a key derived from the token and the
 * server's key, so a resend of the same form can show the same receipt for 15 minutes (`resend_until`); it cannot be
 * opened without the token, which only the requester's browser has, and it is deleted when it expires. The token's
 * hash stays with the case (deleted with it) so a later resend is answered "already sent", never a second case.
 */
export const intakeFormTokens = pgTable(
  'intake_form_tokens',
  {
    // HMAC-SHA256 of the token (purpose `intake-form-token`), under the key `key_id`.
    tokenHash: bytea('token_hash').primaryKey(),
    keyId: text('key_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    resend: bytea('resend'),
    resendUntil: timestamp('resend_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('intake_form_tokens_resend_check', sql`(${t.resend} is null) = (${t.resendUntil} is null)`),
    index('intake_form_tokens_case_idx').on(t.caseId),
    // Clearing expired receipts: only rows that still hold one.
    index('intake_form_tokens_resend_until_idx')
      .on(t.resendUntil)
      .where(sql`${t.resendUntil} is not null`),
  ],
);
