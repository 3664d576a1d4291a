import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type * as schema from './schema/index.ts';

/** The schema object given to Drizzle. */
export type Schema = typeof schema;

/** The Drizzle database, the same type on both engines. Use only what both drivers support. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Which database engine a handle talks to. */
export type Engine = 'pglite' | 'postgres';

interface HandleBase {
  readonly db: Database;
  /** Closes the connection (PGlite: also frees DATA_DIR's lock). Safe to call twice. */
  close(): Promise<void>;
  readonly closed: boolean;
}

/** An open database. `client` is the driver's own object, for the rare raw use (migrations, health, tests). */
export type DatabaseHandle = HandleBase &
  (
    | { readonly engine: 'pglite'; readonly client: PGlite; /** null: in memory */ readonly dataDir: string | null }
    | { readonly engine: 'postgres'; readonly client: Pool }
  );
