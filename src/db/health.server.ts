import { sql } from 'drizzle-orm';
import { describeError } from '#src/lib/describe-error.ts';
import { readAppliedMigrations } from './applied-migrations.server.ts';
import { defaultMigrationsFolder, readMigrations } from './migrations-folder.server.ts';
import type { DatabaseHandle, Engine } from './types.ts';

/** The database's health, for a readiness probe. */
export interface DatabaseHealth {
  /** The database answered a query. */
  readonly ok: boolean;
  readonly engine: Engine;
  /** Every migration in the journal is applied (by the rule Drizzle's `migrate()` uses to skip them). */
  readonly migrationsCurrent: boolean;
  /** One line saying what is wrong, when something is. Never contains credentials. */
  readonly problem?: string;
}

/**
 * Checks that the database answers and that its migrations are current. Never throws: a failure is reported in the
 * result, so a /readyz route can turn it into a 503 directly.
 */
export async function checkDatabase(
  handle: DatabaseHandle,
  migrationsFolder: string = defaultMigrationsFolder(),
): Promise<DatabaseHealth> {
  const engine = handle.engine;
  if (handle.closed) return { ok: false, engine, migrationsCurrent: false, problem: 'the database handle is closed' };
  try {
    await handle.db.execute(sql`select 1`);
  } catch (error) {
    return { ok: false, engine, migrationsCurrent: false, problem: describeError(error) };
  }
  try {
    const journal = readMigrations(migrationsFolder);
    const applied = (await readAppliedMigrations(handle)) ?? [];
    // Drizzle applies a migration when its `when` is later than the newest applied one; mirror that rule, so that
    // "current" here means "migrate() would do nothing".
    const newestApplied = Math.max(0, ...applied.map((row) => row.createdAt));
    const migrationsCurrent = journal.every((migration) => migration.folderMillis <= newestApplied);
    return migrationsCurrent
      ? { ok: true, engine, migrationsCurrent }
      : { ok: true, engine, migrationsCurrent, problem: 'database migrations are pending' };
  } catch (error) {
    return { ok: true, engine, migrationsCurrent: false, problem: describeError(error) };
  }
}
