import type { Env } from '#src/env.server.ts';
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

// The process-wide registry. This module is loaded twice in the running app (by Node from src/, and bundled inside
// dist/server by Vite), and module-level variables would give each copy its own database: fatal for PGlite, which
// corrupts its files when opened twice. A global symbol is the one place both copies share.
const REGISTRY_KEY = Symbol.for('hotro.db');

interface Registry {
  opening: Promise<DatabaseHandle> | undefined;
}

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= { opening: undefined };
  return holder[REGISTRY_KEY];
}

/**
 * The process's shared database handle, opened on first call (with `env`, or the environment read by `loadEnv()`).
 * Concurrent first calls share one opening. Later calls ignore `env`. Closing the handle (or `closeDatabase()`)
 * empties the registry so a later call opens again.
 */
export async function getDatabase(env?: DatabaseEnv): Promise<DatabaseHandle> {
  const shared = registry();
  const existing = shared.opening;
  if (existing !== undefined) {
    const handle = await existing;
    if (!handle.closed) return handle;
    if (shared.opening === existing) shared.opening = undefined;
    return getDatabase(env);
  }
  const opening = (async () => {
    const resolved = env ?? (await import('#src/env.server.ts')).loadEnv();
    return openDatabase(resolved);
  })();
  shared.opening = opening;
  try {
    return await opening;
  } catch (error) {
    // A failed open must not stick: the next call tries again (e.g. after PostgreSQL comes up).
    if (shared.opening === opening) shared.opening = undefined;
    throw error;
  }
}

/** Closes the shared handle, if one is open, and empties the registry. */
export async function closeDatabase(): Promise<void> {
  const shared = registry();
  const opening = shared.opening;
  shared.opening = undefined;
  if (opening === undefined) return;
  const handle = await opening.catch(() => undefined);
  await handle?.close();
}
