import { sql } from 'drizzle-orm';
import { MIGRATIONS_SCHEMA, MIGRATIONS_TABLE } from './migrations-folder.server.ts';
import type { DatabaseHandle } from './types.ts';

/** One row of Drizzle's migrations table. */
export interface AppliedMigration {
  readonly hash: string;
  /** The journal's `when` of the migration (ms since the epoch); Drizzle orders and skips migrations by it. */
  readonly createdAt: number;
}

/** The migrations recorded as applied, oldest first; undefined when the database was never migrated. */
export async function readAppliedMigrations(handle: DatabaseHandle): Promise<AppliedMigration[] | undefined> {
  const qualified = `${MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}`;
  const exists = await handle.db.execute(sql`select to_regclass(${qualified})::text as found`);
  if (rowsOf<{ found: string | null }>(exists)[0]?.found == null) return undefined;
  const result = await handle.db.execute(
    sql`select hash, created_at from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)} order by created_at`,
  );
  // created_at is a bigint: node-postgres returns it as a string, PGlite as a number.
  return rowsOf<{ hash: string; created_at: string | number | null }>(result).map((row) => ({
    hash: row.hash,
    createdAt: Number(row.created_at ?? 0),
  }));
}

// node-postgres and PGlite both return `{ rows }` from execute(); the shared type does not say so.
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
