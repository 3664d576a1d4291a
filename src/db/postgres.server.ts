import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { DatabaseConnectionError } from '#src/lib/errors.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import * as schema from './schema/index.ts';
import type { Database, DatabaseHandle } from './types.ts';

/** Options for the PostgreSQL pool. */
export interface PostgresOptions {
  /** Connections in the pool (default 10). Migrations need two: one holds the migration lock. */
  readonly max?: number;
  /** Give up connecting after this many ms (default 5000). */
  readonly connectTimeoutMs?: number;
  /** Told about errors on idle connections (server restart, network); default: the project log, level error. */
  readonly onIdleError?: (message: string) => void;
}

/**
 * Opens a node-postgres pool on `url` and connects once, so a wrong URL, a server that is down or refused
 * credentials fail now with one line (`DatabaseConnectionError`), not at the first request.
 */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<DatabaseHandle & { engine: 'postgres' }> {
  const where = describeTarget(url);
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: 'ho-tro-cai-nghien',
    });
  } catch (error) {
    throw new DatabaseConnectionError(`DATABASE_URL cannot be used for ${where} (${describeError(error)})`);
  }
  const onIdleError = options.onIdleError ?? ((message: string) => log.error('db.idle_connection_error', { message }));
  // Without a listener, an idle client's error (e.g. the server restarting) would crash the process.
  pool.on('error', (error) => onIdleError(describeError(error)));
  // The pool listens only while a connection is idle: one checked out (a transaction between two statements) whose
  // server side is ended (`pg_terminate_backend`, a failover) would emit an unhandled 'error' and crash the process.
  // With this listener the statement in progress fails instead (the request answers 503), and the pool drops the
  // broken connection when it is released (it is no longer queryable).
  // Nothing to log here: an idle connection's error is logged above, a busy one's by whoever ran the statement.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const connection = await pool.connect();
    connection.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseConnectionError(
      `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${describeError(error)}`,
    );
  }
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  let closing: Promise<void> | undefined;
  return {
    engine: 'postgres',
    client: pool,
    db,
    get closed() {
      return closing !== undefined;
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

/** host:port/database from a connection string, never the user name or password (the line may reach logs). */
function describeTarget(url: string): string {
  if (!URL.canParse(url)) return 'an unparsable URL';
  const parsed = new URL(url);
  const host = parsed.hostname || new URLSearchParams(parsed.search).get('host') || 'localhost';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  return `${host}:${parsed.port || '5432'}/${database}`;
}
