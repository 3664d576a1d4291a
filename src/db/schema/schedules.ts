import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, time, uuid } from 'drizzle-orm/pg-core';
import { WEEKDAYS } from './codes.ts';
import { timestamps } from './columns.ts';
import { locations } from './locations.ts';
import { serviceAtLocation } from './service-at-location.ts';

const weekday = `(${WEEKDAYS.join('|')})`;

/**
 * HSDS `schedule`, weekly form only: on the days in `byday` (RFC 5545 codes, comma-separated, e.g. "MO,TU,WE,TH,FR")
 * the place is open from `opens_at` to `closes_at`, local time in Asia/Ho_Chi_Minh. A split day (07:30–11:30 and
 * 13:30–17:00) is two rows. `valid_from`/`valid_to` bound a seasonal timetable. A row belongs to exactly one of a
 * location (all its services) or a service at a location (hours differing from the location's).
 */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocation.id, {
      onDelete: 'cascade',
    }),
    byday: text('byday').notNull(),
    opensAt: time('opens_at').notNull(),
    closesAt: time('closes_at').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    description: text('description'),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [
    check('schedules_owner_check', sql`num_nonnulls(${t.locationId}, ${t.serviceAtLocationId}) = 1`),
    check('schedules_byday_check', sql`${t.byday} ~ ${sql.raw(`'^${weekday}(,${weekday})*$'`)}`),
    check('schedules_hours_check', sql`${t.opensAt} < ${t.closesAt}`),
    check(
      'schedules_validity_check',
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`,
    ),
    index('schedules_location_idx').on(t.locationId),
    index('schedules_service_at_location_idx').on(t.serviceAtLocationId),
  ],
);

/**
 * Days a location (or one service at it) is closed outside its weekly hours: a local holiday, renovation, staff
 * training. Both dates inclusive. National public holidays come from the shared holiday list, not from here.
 */
export const closures = pgTable(
  'closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocation.id, {
      onDelete: 'cascade',
    }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    description: text('description'),
    // In English for the English pages; null: the Vietnamese one is shown (see locations.description_en).
    descriptionEn: text('description_en'),
    ...timestamps(),
  },
  (t) => [
    check('closures_owner_check', sql`num_nonnulls(${t.locationId}, ${t.serviceAtLocationId}) = 1`),
    check('closures_dates_check', sql`${t.startsOn} <= ${t.endsOn}`),
    index('closures_location_idx').on(t.locationId, t.endsOn),
    index('closures_service_at_location_idx').on(t.serviceAtLocationId, t.endsOn),
  ],
);
