/**
 * The portal's start, inside the built server (dist/server/entry.mjs, see entry.ts): validate the environment, open and
 * migrate the database, prepare the directory, then serve with our security headers around Astro's handler (and the
 * metrics on their operator port), and — on
 * PGlite, or with OUTBOX_IN_PROCESS=1 — send mail and run the schedules in this process. `scripts/start.ts` builds
 * when needed and calls `boot()`; it imports nothing else, so every module is loaded once, from the bundle. A
 * misconfiguration stops the start with one clear line, not a stack trace.
 */
import { loadEnv, requireSiteUrlInProduction } from '#src/env.server.ts';
import { getDatabase } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { prepareDirectory } from '#src/features/directory/boot.server.ts';
import { operatorEmblem } from '#src/features/site/operator-emblem.server.ts';
import { startOutboxWorker } from '#src/features/outbox/boot.server.ts';
import { startRetentionSchedule } from '#src/features/intake/retention.server.ts';
import { startEscalationDigestSchedule } from '#src/features/console/escalation/digest.server.ts';
import { startMetricsServer } from '#src/features/observability/metrics-server.server.ts';
import { routeLabelerFromBuild } from '#src/features/observability/route-label.server.ts';
import { AppError } from '#src/lib/errors.ts';
import { systemClock } from '#src/lib/clock.ts';
import { holidayListGaps } from '#src/lib/holidays.ts';
import { log, setLogLevel } from '#src/lib/log.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';
import { createPortalServer, type AstroHandler } from './http-server.ts';

/** Starts the portal; on a configuration error, writes one line and exits with 1. */
export async function boot(handler: AstroHandler, startedAt: number): Promise<void> {
  try {
    await run(handler, startedAt);
  } catch (error) {
    if (error instanceof AppError) fail(error.message);
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')
      fail('PORT is already in use by another program; set PORT to a free port.');
    throw error;
  }
}

async function run(handler: AstroHandler, startedAt: number): Promise<void> {
  const env = loadEnv();
  requireSiteUrlInProduction(env);
  setLogLevel(env.logLevel);
  // The emblem is read now, once: a missing, too large or wrong file stops the start before the database is touched.
  operatorEmblem(env.operator?.emblemFile);

  const database = await getDatabase(env);
  await migrateDatabase(database);
  log.info('database.ready', { engine: database.engine });
  await prepareDirectory(env, database);
  // Working days (the escalation limit) and "open now" read the holiday list; its update is due before the year turns.
  for (const gap of holidayListGaps(systemClock))
    log.warn('holidays.list_due', { year: gap.year, problem: gap.problem });

  const https = env.siteUrl?.startsWith('https://') ?? false;
  const root = findProjectRoot(import.meta.url);
  const server = createPortalServer({
    handler,
    https,
    routeLabel: routeLabelerFromBuild(root),
    siteUrl: env.siteUrl,
    port: env.port,
  });

  // PGlite allows one process, so the server sends mail and purges old content itself; on PostgreSQL that is the job
  // of `npm run worker` processes, unless OUTBOX_IN_PROCESS=1 (a single-machine install).
  const inProcess = env.outboxInProcess ?? database.engine === 'pglite';
  const outbox = inProcess ? startOutboxWorker(env, database) : undefined;
  const retention = inProcess ? startRetentionSchedule(database, env) : undefined;
  const digest = inProcess ? startEscalationDigestSchedule(database, env) : undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  // Metrics on an operator port of their own (never the public one): src/features/observability/.
  const metrics = await startMetricsServer(env, database);
  log.info('server.listening', {
    url: `http://${env.host}:${env.port}`,
    engine: database.engine,
    demo: env.demo,
    ms: Math.round(performance.now() - startedAt),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    // Finish in-flight requests, then release the database (and PGlite's lock file).
    server.close(() => {
      void Promise.all([outbox?.stop(), retention?.stop(), digest?.stop(), metrics?.close()])
        .then(() => database.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
