/**
 * `npm run worker`: the outbox worker as a process of its own, for PostgreSQL (any number may run at once; the lease
 * keeps them from sending the same row twice). With the embedded database the server runs the worker itself, and a
 * second process must not open PGlite's data folder, so this refuses. SIGTERM or SIGINT stop it gracefully: the send
 * in progress finishes, unsent claimed rows are released, then the process exits 0.
 */
import { existsSync } from 'node:fs';
import { getDatabase } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { loadEnv, requireSiteUrlInProduction } from '#src/env.server.ts';
import { startOutboxWorker } from '#src/features/outbox/boot.server.ts';
import { startRetentionSchedule } from '#src/features/intake/retention.server.ts';
import { startEscalationDigestSchedule } from '#src/features/console/escalation/digest.server.ts';
import { AppError } from '#src/lib/errors.ts';
import { log, setLogLevel } from '#src/lib/log.ts';

async function main(): Promise<void> {
  // Listen first: a SIGTERM during start-up (connecting, migrating) must still end the process cleanly.
  const stopping = new AbortController();
  process.once('SIGTERM', () => stopping.abort('SIGTERM'));
  process.once('SIGINT', () => stopping.abort('SIGINT'));

  const env = loadEnv();
  // E-mails link to the portal: they must name its public address.
  requireSiteUrlInProduction(env);
  setLogLevel(env.logLevel);
  if (env.databaseUrl === undefined) {
    fail(
      'npm run worker needs DATABASE_URL (PostgreSQL); with the embedded database the server runs the worker itself',
    );
  }
  // A worker must decrypt what the app sealed: generating a new key here would turn every e-mail into a dead letter.
  if (env.intakeEncryptionKey === undefined && !existsSync(env.keyFile)) {
    fail(
      `npm run worker needs the app's encryption key: set INTAKE_ENCRYPTION_KEY, or KEY_FILE to the app's key file (${env.keyFile} does not exist)`,
    );
  }
  const database = await getDatabase(env);
  if (!stopping.signal.aborted) await migrateDatabase(database);
  const worker = stopping.signal.aborted ? undefined : startOutboxWorker(env, database);
  // Retention runs in every worker; each run is idempotent, so several workers purging the same day is harmless.
  const retention = stopping.signal.aborted ? undefined : startRetentionSchedule(database, env);
  // The escalation digest too: its row per province and day makes it once-a-day however many workers run.
  const digest = stopping.signal.aborted ? undefined : startEscalationDigestSchedule(database, env);

  if (!stopping.signal.aborted)
    await new Promise((resolve) => stopping.signal.addEventListener('abort', resolve, { once: true }));
  log.info('worker.stopping', { signal: String(stopping.signal.reason) });
  // A send has its own timeout (at most 15 s); past that something is stuck.
  setTimeout(() => process.exit(1), 30_000).unref();
  await Promise.all([worker?.stop(), retention?.stop(), digest?.stop()]);
  await database.close();
  process.exit(0);
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) fail(error.message);
  throw error;
});
