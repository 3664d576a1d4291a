import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { DatabaseConnectionError } from '#src/lib/errors.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { acquireDataDirLock } from './data-dir-lock.server.ts';
import { ensureWritableDataDir } from './data-dir.server.ts';
import * as schema from './schema/index.ts';
import type { Database, DatabaseHandle } from './types.ts';

/** The PGlite cluster lives in this sub-folder of DATA_DIR; DATA_DIR also holds the lock file and mail files. */
export const PGLITE_SUBDIR = 'pglite';

/**
 * Opens the embedded PGlite database in `dataDir` (created if missing), holding DATA_DIR's lock until `close()`.
 * With `dataDir` null the database lives in memory and takes no lock (tests).
 * Prefer `getDatabase()`: a second open of the same DATA_DIR in one process is refused.
 */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle & { engine: 'pglite' }> {
  let lock: ReturnType<typeof acquireDataDirLock> | undefined;
  if (dataDir !== null) {
    ensureWritableDataDir(dataDir);
    lock = acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir === null ? {} : { dataDir: join(dataDir, PGLITE_SUBDIR) });
  } catch (error) {
    lock?.release();
    const where = dataDir === null ? 'in memory' : `in DATA_DIR "${dataDir}"`;
    throw new DatabaseConnectionError(`Cannot open the embedded database ${where} (${describeError(error)})`);
  }
  // PgliteDatabase is a PgDatabase over PGlite's result type; the shared `Database` type hides the driver.
  const db = drizzle({ client, schema }) as unknown as Database;
  let closing: Promise<void> | undefined;
  return {
    engine: 'pglite',
    client,
    dataDir,
    db,
    get closed() {
      return closing !== undefined;
    },
    close() {
      closing ??= (async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      })();
      return closing;
    },
  };
}
