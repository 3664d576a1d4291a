/**
 * `npm start`: validate the environment, build when needed, open and migrate the database, then serve the portal with
 * our security headers around Astro's handler. A misconfiguration stops the start with one clear line, not a stack trace.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { loadEnv, requireSiteUrlInProduction } from '#src/env.server.ts';
import { AppError } from '#src/lib/errors.ts';
import { log, setLogLevel } from '#src/lib/log.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';
import { getDatabase } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { prepareDirectory } from '#src/features/directory/boot.server.ts';
import { startOutboxWorker } from '#src/features/outbox/boot.server.ts';
import { startRetentionSchedule } from '#src/features/intake/retention.server.ts';
import { startEscalationDigestSchedule } from '#src/features/console/escalation/digest.server.ts';
import { buildIfNeeded, hasBuild } from '#src/server/build-if-needed.ts';
import { createPortalServer, type AstroHandler } from '#src/server/http-server.ts';
import { intakeApiRoute } from '#src/server/intake-api-route.ts';
import { routeLabelerFromBuild } from '#src/features/observability/route-label.server.ts';
import { startMetricsServer } from '#src/features/observability/metrics-server.server.ts';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const env = loadEnv();
  requireSiteUrlInProduction(env);
  setLogLevel(env.logLevel);
  const root = findProjectRoot(import.meta.url);

  // The database first: a wrong DATABASE_URL or DATA_DIR should stop the start at once, not after a build.
  // Opened into the process-wide registry, so the routes bundled in dist/server use this same handle.
  const database = await getDatabase(env);
  await migrateDatabase(database);
  log.info('database.ready', { engine: database.engine });
  await prepareDirectory(env, database);

  // BUILD_ON_START=0 (the container image): the build came with the image and the folder is read-only; never rebuild.
  const built = env.buildOnStart
    ? buildIfNeeded(root, (line) => log.info('build.output', { note: line }))
    : hasBuild(root);
  if (!built) {
    await database.close();
    fail(
      env.buildOnStart
        ? 'The build failed; see the messages above.'
        : 'There is no build (dist/server/entry.mjs) and BUILD_ON_START=0: run `npm run build` first.',
    );
  }

  // Astro's standalone entry would start its own server on import; we start ours instead, around its handler.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = (await import(pathToFileURL(join(root, 'dist/server/entry.mjs')).href)) as { handler: AstroHandler };
  const https = env.siteUrl?.startsWith('https://') ?? false;
  // POST /api/intake is answered by our server directly (the hot write path; see src/server/intake-api-route.ts).
  const server = createPortalServer({
    handler: entry.handler,
    https,
    directRoutes: [intakeApiRoute],
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

main().catch((error: unknown) => {
  if (error instanceof AppError) fail(error.message);
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')
    fail('PORT is already in use by another program; set PORT to a free port.');
  throw error;
});
