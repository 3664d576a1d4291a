import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { locations } from './locations.ts';
import { phones } from './phones.ts';
import { services } from './services.ts';

/** HSDS `language`: a language staff speak at a service, a location or on a phone line (e.g. Khmer, H'Mông). */
export const languages = pgTable(
  'languages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    phoneId: uuid('phone_id').references(() => phones.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // ISO 639-1 or 639-3 code, lower case.
    code: text('code'),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [
    check('languages_owner_check', sql`num_nonnulls(${t.serviceId}, ${t.locationId}, ${t.phoneId}) = 1`),
    check('languages_code_check', sql`${t.code} is null or ${t.code} ~ '^[a-z]{2,3}$'`),
    index('languages_service_idx').on(t.serviceId),
    index('languages_location_idx').on(t.locationId),
    index('languages_phone_idx').on(t.phoneId),
  ],
);
