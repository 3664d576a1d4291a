/**
 * Databases for tests, on the engine chosen by TEST_DB_ENGINE:
 * - `pglite` (default): a new in-memory PGlite per call;
 * - `postgres`: a new database `hotro_test_<random>` on TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 *   dropped WITH (FORCE) by `cleanup()`.
 * Every call gives a database of its own: no test depends on what another left behind.
 *
 *   const t = await createTestDatabase();      // migrated
 *   afterAll(() => t.cleanup());
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseEnv } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { openPglite } from '#src/db/pglite.server.ts';
import { openPostgres } from '#src/db/postgres.server.ts';
import type { Database, DatabaseHandle, Engine } from '#src/db/types.ts';

/** The engine the tests run on. */
export const testEngine: Engine = readEngine();

/** The PostgreSQL server tests create their databases on (used only when testEngine is 'postgres'). */
export const testPgUrl = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of a test's own; `cleanup()` closes it and removes every trace (safe to call twice). */
export interface TestDatabase {
  readonly handle: DatabaseHandle;
  readonly db: Database;
  readonly engine: Engine;
  /** The connection string, on PostgreSQL (to open more connections to the same database). */
  readonly url: string | undefined;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const test = await createEmptyTestDatabase();
  try {
    await migrateDatabase(test.handle);
  } catch (error) {
    await test.cleanup();
    throw error;
  }
  return test;
}

/** A fresh database with no migrations applied (for testing the migrations themselves). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const handle = await openPglite(null);
    return { handle, db: handle.db, engine: 'pglite', url: undefined, cleanup: () => handle.close() };
  }
  const place = await createPostgresDatabase();
  try {
    const handle = await openPostgres(place.url);
    return {
      handle,
      db: handle.db,
      engine: 'postgres',
      url: place.url,
      cleanup: once(async () => {
        await handle.close();
        await place.drop();
      }),
    };
  } catch (error) {
    await place.drop();
    throw error;
  }
}

/**
 * An environment for `openDatabase()` / `getDatabase()` on the test engine, pointing at a place of its own:
 * a new temporary DATA_DIR (pglite), or a new empty database (postgres). `cleanup()` removes it; close any handle
 * opened on it first.
 */
export async function createTestDatabaseEnv(): Promise<{ env: DatabaseEnv; cleanup(): Promise<void> }> {
  if (testEngine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'hotro-test-data-'));
    return {
      env: { databaseUrl: undefined, dataDir },
      cleanup: once(async () => rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const place = await createPostgresDatabase();
  return { env: { databaseUrl: place.url, dataDir: join(tmpdir(), 'hotro-unused-data-dir') }, cleanup: place.drop };
}

/** A new temporary folder (removed by the returned function). */
export function makeTempDir(prefix = 'hotro-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hotro_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends connections a failed test may have left open, so the drop always succeeds.
    drop: once(() => adminQuery(`drop database if exists ${name} with (force)`)),
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function readEngine(): Engine {
  const value = process.env['TEST_DB_ENGINE'] ?? 'pglite';
  if (value !== 'pglite' && value !== 'postgres') {
    throw new Error(`TEST_DB_ENGINE must be pglite or postgres (got ${JSON.stringify(value)})`);
  }
  return value;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
