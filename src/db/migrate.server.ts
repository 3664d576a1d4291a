import { describeError } from '#src/lib/describe-error.ts';
import { MigrationError } from '#src/lib/errors.ts';
import { readAppliedMigrations } from './applied-migrations.server.ts';
import {
  defaultMigrationsFolder,
  MIGRATIONS_SCHEMA,
  MIGRATIONS_TABLE,
  readMigrations,
} from './migrations-folder.server.ts';
import type { DatabaseHandle } from './types.ts';

/** What a migration run did. */
export interface MigrationResult {
  /** Migrations applied by this run (0 when the database was already current). */
  readonly applied: number;
  /** Migrations in the folder's journal. */
  readonly total: number;
}

// Any fixed number: PostgreSQL advisory locks are keyed by a bigint. Spells "hotro" in ASCII.
const MIGRATION_LOCK_KEY = 0x686f74726f;

/**
 * Applies pending migrations from `migrationsFolder` (default: the project's `src/db/migrations`, found from the
 * project root so it works from src/ and from the dist/server bundle), using each driver's own Drizzle `migrate()`.
 * Re-running is a no-op. On PostgreSQL several app instances may start at once, so the run holds an advisory lock.
 * Throws a one-line `MigrationError` on failure; all migrations of a run are applied in one transaction.
 */
export function migrateDatabase(handle: DatabaseHandle, migrationsFolder?: string): Promise<MigrationResult> {
  // Runs on one handle are queued: Drizzle reads the last applied migration before its transaction, so two
  // overlapping runs would both try to apply the same migration.
  const previous = runs.get(handle) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => migrateNow(handle, migrationsFolder));
  runs.set(handle, run);
  return run;
}

const runs = new WeakMap<DatabaseHandle, Promise<unknown>>();

async function migrateNow(
  handle: DatabaseHandle,
  migrationsFolder: string = defaultMigrationsFolder(),
): Promise<MigrationResult> {
  const total = readMigrations(migrationsFolder).length;
  const config = { migrationsFolder, migrationsSchema: MIGRATIONS_SCHEMA, migrationsTable: MIGRATIONS_TABLE };
  try {
    if (handle.engine === 'pglite') {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      const before = await countApplied(handle);
      // The driver-specific type is what `migrate` expects; the handle exposes the shared `Database` type.
      await migrate(handle.db as unknown as Parameters<typeof migrate>[0], config);
      return { applied: (await countApplied(handle)) - before, total };
    }
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // Session-level advisory lock on a dedicated connection; Drizzle migrates on another pool connection.
    const lockConnection = await handle.client.connect();
    try {
      await lockConnection.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const before = await countApplied(handle);
      await migrate(handle.db as unknown as Parameters<typeof migrate>[0], config);
      return { applied: (await countApplied(handle)) - before, total };
    } finally {
      await lockConnection.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      lockConnection.release();
    }
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(
      `Applying the database migrations from ${migrationsFolder} failed: ${describeError(error)}`,
    );
  }
}

async function countApplied(handle: DatabaseHandle): Promise<number> {
  return (await readAppliedMigrations(handle))?.length ?? 0;
}

// Re-exported for callers that only need to know the folder.
export { defaultMigrationsFolder } from './migrations-folder.server.ts';
