import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LOCATION_TYPES, STATUSES } from './codes.ts';
import { listingColumns, nullOrMatches, oneOf, sourceColumnsPaired, timestamps } from './columns.ts';
import { organizations } from './organizations.ts';

/** HSDS `location`: a place where services are given; a "point" that receives requests and has staff. */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Restrict: locations are deactivated (status), never deleted.
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    locationType: text('location_type').notNull().default('physical'),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description').notNull().default(''),
    // The description in English for the English pages (HSDS has one language per record); null: English pages show
    // the Vietnamese one, marked lang="vi". The demo directory fills it; imports may leave it empty.
    descriptionEn: text('description_en'),
    transportation: text('transportation'),
    // For a virtual location (HSDS location.url).
    url: text('url'),
    // Street address as people write it; the administrative units are in the codes below.
    address: text('address'),
    // Post-2025 administrative units (34 provinces, 3,321 communes): province 2 digits, commune 5 digits.
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code'),
    // WGS84 decimal degrees.
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    // Where notices of new requests go. NEVER shown publicly, exported to open data or sent to a requester.
    notificationEmail: text('notification_email'),
    status: text('status').notNull().default('active'),
    ...listingColumns(),
    ...timestamps(),
  },
  (t) => [
    check('locations_location_type_check', oneOf(t.locationType, LOCATION_TYPES)),
    check('locations_status_check', oneOf(t.status, STATUSES)),
    check('locations_name_check', sql`length(trim(${t.name})) > 0`),
    check('locations_province_code_check', sql`${t.provinceCode} ~ '^[0-9]{2}$'`),
    check('locations_commune_code_check', nullOrMatches(t.communeCode, '^[0-9]{5}$')),
    check(
      'locations_coordinates_check',
      sql`(${t.latitude} is null) = (${t.longitude} is null) and (${t.latitude} is null or (${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180))`,
    ),
    check('locations_source_check', sourceColumnsPaired(t.sourceProvinceCode, t.sourceRowId)),
    uniqueIndex('locations_source_idx').on(t.sourceProvinceCode, t.sourceRowId),
    index('locations_organization_idx').on(t.organizationId),
    index('locations_province_code_idx').on(t.provinceCode),
    index('locations_commune_code_idx').on(t.communeCode),
    index('locations_status_idx').on(t.status),
  ],
);
