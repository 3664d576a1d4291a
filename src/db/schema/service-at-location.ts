import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { locations } from './locations.ts';
import { services } from './services.ts';

/** HSDS `service_at_location`: a service offered at a location, with its own hours and phones if they differ. */
export const serviceAtLocation = pgTable(
  'service_at_location',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Cascade: the link means nothing without both ends (which are themselves deactivated rather than deleted).
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    description: text('description'),
    ...timestamps(),
  },
  (t) => [
    unique('service_at_location_service_location_key').on(t.serviceId, t.locationId),
    index('service_at_location_location_idx').on(t.locationId),
  ],
);
