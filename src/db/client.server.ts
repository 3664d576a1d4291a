import type { Env } from '#src/env.server.ts';
import { forgetSingleton, singleton } from '#src/lib/singleton.server.ts';
import type { DatabaseHandle } from './types.ts';

export type { Database, DatabaseHandle, Engine, Schema } from './types.ts';

/** The part of the environment the database needs. */
export type DatabaseEnv = Pick<Env, 'databaseUrl' | 'dataDir'>;

/**
 * Opens a NEW database handle: PostgreSQL when `env.databaseUrl` is set, else PGlite in `env.dataDir`.
 * The app should call `getDatabase()` instead, which shares one handle per process. Throws an `AppError` with a
 * one-line message when the database cannot be opened.
 */
export async function openDatabase(env: DatabaseEnv): Promise<DatabaseHandle> {
  // Imported on demand: a PostgreSQL install never loads PGlite's WebAssembly, and PGlite never loads pg.
  if (env.databaseUrl !== undefined) {
    const { openPostgres } = await import('./postgres.server.ts');
    return openPostgres(env.databaseUrl);
  }
  const { openPglite } = await import('./pglite.server.ts');
  return openPglite(env.dataDir);
}

const NAME = 'database';

/**
 * The process's shared database handle, opened on first call (with `env`, or the environment read by `loadEnv()`).
 * Concurrent first calls share one opening. Later calls ignore `env`. Closing the handle (or `closeDatabase()`)
 * forgets it so a later call opens again; so does a failed open (e.g. PostgreSQL not up yet).
 */
export async function getDatabase(env?: DatabaseEnv): Promise<DatabaseHandle> {
  const opening = singleton(NAME, async () => openDatabase(env ?? (await import('#src/env.server.ts')).loadEnv()));
  let handle: DatabaseHandle;
  try {
    handle = await opening;
  } catch (error) {
    forgetSingleton(NAME, opening);
    throw error;
  }
  if (!handle.closed) return handle;
  forgetSingleton(NAME, opening);
  return getDatabase(env);
}

/** Closes the shared handle, if one is open, and forgets it. */
export async function closeDatabase(): Promise<void> {
  const opening = forgetSingleton(NAME) as Promise<DatabaseHandle> | undefined;
  const handle = await opening?.catch(() => undefined);
  await handle?.close();
}
