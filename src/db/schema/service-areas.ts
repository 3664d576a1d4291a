import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { nullOrMatches, timestamps } from './columns.ts';
import { services } from './services.ts';

/**
 * HSDS `service_area`, by administrative unit: the service takes requests from this commune, or from the whole
 * province when `commune_code` is null. A service with no rows serves the commune of its location(s) only.
 */
export const serviceAreas = pgTable(
  'service_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code'),
    description: text('description'),
    ...timestamps(),
  },
  (t) => [
    check('service_areas_province_code_check', sql`${t.provinceCode} ~ '^[0-9]{2}$'`),
    check('service_areas_commune_code_check', nullOrMatches(t.communeCode, '^[0-9]{5}$')),
    index('service_areas_service_idx').on(t.serviceId),
    index('service_areas_area_idx').on(t.provinceCode, t.communeCode),
  ],
);
