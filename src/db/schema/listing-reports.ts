import { index, pgTable, text, timestamp, uuid, check } from 'drizzle-orm/pg-core';
// Relative, not `#src/…`: drizzle-kit loads this file with its own resolver.
import { LISTING_REPORT_REASONS, LISTING_REPORT_STATUSES } from '../../features/lists/listing-report-reasons.ts';
import { bytea, oneOf } from './columns.ts';
import { locations } from './locations.ts';

/**
 * "Report outdated information" on a point's public page: what is wrong, and an optional note encrypted at rest
 * (`seal(keyring, note, 'listing-report:<id>:note')`). Nothing about the reporter is kept: no IP address, no user agent,
 * no contact.
 */
export const listingReports = pgTable(
  'listing_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Cascade: a report means nothing without its listing (locations are normally deactivated, not deleted).
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    // Encrypted free text; null when the reporter wrote none.
    note: bytea('note'),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('listing_reports_reason_check', oneOf(t.reason, LISTING_REPORT_REASONS)),
    check('listing_reports_status_check', oneOf(t.status, LISTING_REPORT_STATUSES)),
    index('listing_reports_location_idx').on(t.locationId),
    index('listing_reports_status_idx').on(t.status),
  ],
);
