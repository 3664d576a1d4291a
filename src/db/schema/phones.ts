import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { PHONE_TYPES } from './codes.ts';
import { oneOf, timestamps } from './columns.ts';
import { locations } from './locations.ts';
import { organizations } from './organizations.ts';
import { serviceAtLocation } from './service-at-location.ts';
import { services } from './services.ts';

/** HSDS `phone`: a public phone number of exactly one organization, service, location or service at a location. */
export const phones = pgTable(
  'phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocation.id, {
      onDelete: 'cascade',
    }),
    number: text('number').notNull(),
    extension: integer('extension'),
    type: text('type').notNull().default('voice'),
    description: text('description'),
    // In English for the English pages; null: the Vietnamese one is shown (see locations.description_en).
    descriptionEn: text('description_en'),
    ...timestamps(),
  },
  (t) => [
    check(
      'phones_owner_check',
      sql`num_nonnulls(${t.organizationId}, ${t.serviceId}, ${t.locationId}, ${t.serviceAtLocationId}) = 1`,
    ),
    check('phones_type_check', oneOf(t.type, PHONE_TYPES)),
    check('phones_number_check', sql`${t.number} ~ '^[0-9+() .-]{3,30}$'`),
    index('phones_organization_idx').on(t.organizationId),
    index('phones_service_idx').on(t.serviceId),
    index('phones_location_idx').on(t.locationId),
    index('phones_service_at_location_idx').on(t.serviceAtLocationId),
  ],
);
