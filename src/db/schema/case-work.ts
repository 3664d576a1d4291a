import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Relative, not `#src/…`: drizzle-kit loads this file with its own resolver.
import { handoverReasons } from '../../features/lists/index.ts';
import { cases } from './cases.ts';
import { bytea, oneOf } from './columns.ts';
import { locations } from './locations.ts';

/**
 * Internal notes of staff on a case: never shown to the requester. The body is sealed
 * (`seal(keyring, text, 'case-note:<id>:body')`); purging empties it and sets `purged_at`, as for case messages.
 * `point_id` is the point whose staff wrote it (a note stays with the case when it is handed over).
 */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    pointId: uuid('point_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'restrict' }),
    body: bytea('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    check('case_notes_purged_check', sql`(${t.body} is null) = (${t.purgedAt} is not null)`),
    index('case_notes_case_idx').on(t.caseId, t.createdAt),
  ],
);

/** A case moved from one point to another, and why (a code; any explanation is a sealed note). */
export const caseHandovers = pgTable(
  'case_handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fromPointId: uuid('from_point_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'restrict' }),
    toPointId: uuid('to_point_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'restrict' }),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('case_handovers_reason_check', oneOf(t.reason, handoverReasons.codes)),
    check('case_handovers_points_check', sql`${t.fromPointId} <> ${t.toPointId}`),
    index('case_handovers_case_idx').on(t.caseId, t.at),
  ],
);
