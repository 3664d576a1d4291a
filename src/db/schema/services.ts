import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SERVICE_TYPES, STATUSES } from './codes.ts';
import { listingColumns, oneOf, sourceColumnsPaired, timestamps } from './columns.ts';
import { organizations } from './organizations.ts';

/** HSDS `service`: one kind of help (`service_type`) an organization offers, at one or more locations. */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Restrict: services are deactivated (status), never deleted, so an organization with services cannot vanish.
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description').notNull().default(''),
    // In English for the English pages; null: the Vietnamese one is shown (see locations.description_en).
    descriptionEn: text('description_en'),
    serviceType: text('service_type').notNull(),
    status: text('status').notNull().default('active'),
    // Public contact details (HSDS service.url / service.email).
    url: text('url'),
    email: text('email'),
    // Eligibility: ages in whole years, both ends inclusive; null means no limit.
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    eligibilityDescription: text('eligibility_description'),
    applicationProcess: text('application_process'),
    feesDescription: text('fees_description'),
    interpretationServices: text('interpretation_services'),
    // A short-term notice shown with the listing (HSDS service.alert), e.g. "closed for Tết until 3 February".
    alert: text('alert'),
    ...listingColumns(),
    ...timestamps(),
  },
  (t) => [
    check('services_service_type_check', oneOf(t.serviceType, SERVICE_TYPES)),
    check('services_status_check', oneOf(t.status, STATUSES)),
    check('services_name_check', sql`length(trim(${t.name})) > 0`),
    check(
      'services_age_check',
      sql`(${t.minAge} is null or ${t.minAge} between 0 and 120) and (${t.maxAge} is null or ${t.maxAge} between 0 and 120) and (${t.minAge} is null or ${t.maxAge} is null or ${t.minAge} <= ${t.maxAge})`,
    ),
    check('services_source_check', sourceColumnsPaired(t.sourceProvinceCode, t.sourceRowId)),
    uniqueIndex('services_source_idx').on(t.sourceProvinceCode, t.sourceRowId),
    index('services_organization_idx').on(t.organizationId),
    index('services_status_idx').on(t.status),
    index('services_service_type_idx').on(t.serviceType),
  ],
);
