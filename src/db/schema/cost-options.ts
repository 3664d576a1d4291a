import { sql } from 'drizzle-orm';
import { check, date, index, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { COST_KINDS } from './codes.ts';
import { oneOf, timestamps } from './columns.ts';
import { services } from './services.ts';

/** HSDS `cost_option`: how a service is paid for (free, a fee, health insurance), with an amount for fees. */
export const costOptions = pgTable(
  'cost_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    // HSDS `option`: conditions, e.g. "free for people registered in the commune".
    option: text('option'),
    currency: text('currency').notNull().default('VND'),
    amount: numeric('amount', { precision: 14, scale: 2 }),
    amountDescription: text('amount_description'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    ...timestamps(),
  },
  (t) => [
    check('cost_options_kind_check', oneOf(t.kind, COST_KINDS)),
    check('cost_options_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('cost_options_amount_check', sql`${t.amount} is null or ${t.amount} >= 0`),
    check(
      'cost_options_validity_check',
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`,
    ),
    index('cost_options_service_idx').on(t.serviceId),
  ],
);
