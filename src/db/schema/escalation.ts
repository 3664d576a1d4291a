import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per province and local day on which the escalation digest (cases not acknowledged in time) was queued for
 * the province's administrators. The primary key makes the digest once-per-day by construction: a worker inserts the
 * row and queues the e-mails in the same transaction, and a second worker (or a second run) finds the row taken and
 * sends nothing. Counts only; no case is named here.
 */
export const escalationDigests = pgTable(
  'escalation_digests',
  {
    provinceCode: text('province_code').notNull(),
    // The day in Asia/Ho_Chi_Minh the digest is for.
    digestDate: date('digest_date', { mode: 'string' }).notNull(),
    overdueCases: integer('overdue_cases').notNull(),
    // How many administrators it was queued for (0: the province has no active administrator).
    recipients: integer('recipients').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.digestDate] }),
    check('escalation_digests_province_code_check', sql`${t.provinceCode} ~ '^[0-9]{2}$'`),
    check('escalation_digests_counts_check', sql`${t.overdueCases} >= 0 and ${t.recipients} >= 0`),
  ],
);
