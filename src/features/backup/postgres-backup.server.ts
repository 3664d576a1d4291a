/**
 * PostgreSQL backups with PostgreSQL's own tools: `pg_dump` in its custom format (compressed, restorable table by
 * table), `pg_restore --clean --if-exists` in one transaction, so a failed restore leaves the database as it was.
 * The password travels in PGPASSWORD, not on the command line, where `ps` would show it to every user of the machine.
 */
import { BackupError } from './backup-error.ts';
import { runTool } from './run-tool.server.ts';

const MISSING =
  'install the PostgreSQL client tools (Debian: postgresql-client), of the same major version as the server or newer';

/** The connection string without its password, and an environment carrying the password for libpq. */
function toolConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!URL.canParse(databaseUrl)) throw new BackupError('DATABASE_URL is not a valid postgres:// URL');
  const url = new URL(databaseUrl);
  if (url.password !== '') {
    env['PGPASSWORD'] = decodeURIComponent(url.password);
    url.password = '';
  }
  return { url: url.toString(), env };
}

/** Writes a custom-format dump of the whole database to `target`. */
export async function dumpPostgres(databaseUrl: string, target: string): Promise<void> {
  const { url, env } = toolConnection(databaseUrl);
  await runTool('pg_dump', ['--format=custom', `--file=${target}`, `--dbname=${url}`], { env, missingHint: MISSING });
}

/**
 * Restores a dump into the database, replacing the objects it holds (dropped first if they exist); owners are not
 * restored, so the dump can go into a database of another user. All or nothing.
 */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const { url, env } = toolConnection(databaseUrl);
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file],
    { env, missingHint: MISSING },
  );
}
