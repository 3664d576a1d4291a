import { type SQL, sql } from 'drizzle-orm';
import { boolean, customType, date, type PgColumn, text, timestamp } from 'drizzle-orm/pg-core';

/** `bytea` as a Uint8Array (pg gives a Buffer, which is one; PGlite gives a plain Uint8Array). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** created_at / updated_at, both timestamptz. updated_at is refreshed by Drizzle on every update it issues. */
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** Columns every directory listing carries: who confirmed it and when, demo marking, and where an import came from. */
export const listingColumns = () => ({
  // The date a person confirmed the listing is right; distinct from updated_at, which any edit or import moves.
  checkedOn: date('checked_on', { mode: 'string' }),
  isDemo: boolean('is_demo').notNull().default(false),
  // A spreadsheet import keeps the province and the sheet's own row id, so re-importing updates instead of duplicating.
  sourceProvinceCode: text('source_province_code'),
  sourceRowId: text('source_row_id'),
});

/** SQL for `column IN ('a', 'b', …)`. The values are our own constants, inlined so the migration reads plainly. */
export function oneOf(column: PgColumn, values: readonly string[]): SQL {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return sql`${column} in (${sql.raw(list)})`;
}

/** SQL for "column is null or matches this regular expression" (whole value). */
export function nullOrMatches(column: PgColumn, pattern: string): SQL {
  return sql`(${column} is null or ${column} ~ ${sql.raw(`'${pattern.replaceAll("'", "''")}'`)})`;
}

/** SQL requiring both import columns set or both unset. */
export function sourceColumnsPaired(provinceCode: PgColumn, rowId: PgColumn): SQL {
  return sql`(${provinceCode} is null) = (${rowId} is null) and ${nullOrMatches(provinceCode, '^[0-9]{2}$')}`;
}
