import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { OPERATOR_KINDS } from './codes.ts';
import { listingColumns, oneOf, sourceColumnsPaired, timestamps } from './columns.ts';

/** HSDS `organization`: the body that runs services and locations (a commune health station, a police-run rehab
 * facility, an NGO…). `operator_kind` is shown to a requester before a request is sent. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description').notNull().default(''),
    operatorKind: text('operator_kind').notNull(),
    // Public contact e-mail and website (HSDS); notices to staff use locations.notification_email instead.
    email: text('email'),
    website: text('website'),
    parentOrganizationId: uuid('parent_organization_id').references((): AnyPgColumn => organizations.id, {
      onDelete: 'set null',
    }),
    ...listingColumns(),
    ...timestamps(),
  },
  (t) => [
    check('organizations_operator_kind_check', oneOf(t.operatorKind, OPERATOR_KINDS)),
    check('organizations_name_check', sql`length(trim(${t.name})) > 0`),
    check('organizations_source_check', sourceColumnsPaired(t.sourceProvinceCode, t.sourceRowId)),
    uniqueIndex('organizations_source_idx').on(t.sourceProvinceCode, t.sourceRowId),
    index('organizations_parent_idx').on(t.parentOrganizationId),
  ],
);
