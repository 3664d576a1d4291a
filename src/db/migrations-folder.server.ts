import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { describeError } from '#src/lib/describe-error.ts';
import { MigrationError } from '#src/lib/errors.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';

/** The migrations folder, relative to the project root (drizzle.config.ts writes there). */
export const MIGRATIONS_DIR = 'src/db/migrations';

/**
 * The default migrations folder: `<project root>/src/db/migrations`. Resolved from the project root found by walking
 * up from this module, because this module also runs bundled inside dist/server, where a path relative to
 * `import.meta.url` would point into dist/ (and the working directory can be anything).
 */
export function defaultMigrationsFolder(): string {
  return join(findProjectRoot(import.meta.url), MIGRATIONS_DIR);
}

/** Reads the journal and SQL files of `folder`; throws a one-line `MigrationError` if they are missing. */
export function readMigrations(folder: string): MigrationMeta[] {
  if (!existsSync(join(folder, 'meta', '_journal.json'))) {
    throw new MigrationError(
      `Cannot find the database migrations: ${join(folder, 'meta', '_journal.json')} is missing`,
    );
  }
  try {
    return readMigrationFiles({ migrationsFolder: folder });
  } catch (error) {
    throw new MigrationError(`Cannot read the database migrations in ${folder} (${describeError(error)})`);
  }
}

/** Where Drizzle records applied migrations (its defaults, kept explicit so health checks read the same table). */
export const MIGRATIONS_SCHEMA = 'drizzle';
export const MIGRATIONS_TABLE = '__drizzle_migrations';
