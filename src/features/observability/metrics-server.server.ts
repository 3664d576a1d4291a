/**
 * The operator port: `GET /metrics` in Prometheus's text format, on a listener of its own (METRICS_HOST, 127.0.0.1 by
 * default, and METRICS_PORT), never on the public port. With METRICS_TOKEN set, a scrape must also send
 * `Authorization: Bearer <token>`; the comparison takes the same time whatever the guess. Anything else answers 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { collectDefaultMetrics } from 'prom-client';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Env } from '#src/env.server.ts';
import { DEFAULT_LIMITS } from '#src/features/anti-abuse/rate-limits.server.ts';
import { systemClock, type Clock } from '#src/lib/clock.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { EnvError } from '#src/lib/errors.ts';
import { log } from '#src/lib/log.ts';
import { portalMetrics, type PortalMetrics } from './metrics.server.ts';
import { readOperationalState, type OperationalState } from './operational-state.server.ts';

/** The path Prometheus scrapes. */
export const METRICS_PATH = '/metrics';

/** Past this, a scrape answers without the database gauges (marked down) rather than hang until Prometheus gives up. */
const STATE_TIMEOUT_MS = 5_000;

export interface MetricsServerOptions {
  readonly metrics: PortalMetrics;
  /** When set, every scrape must carry it as a bearer token. */
  readonly token: string | undefined;
  /** Reads the database gauges for this scrape. */
  readonly readState: () => Promise<OperationalState>;
}

/** The operator port's server (not listening yet). */
export function createMetricsServer({ metrics, token, readState }: MetricsServerOptions): http.Server {
  const expected = token === undefined ? undefined : digest(token);
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH || req.method !== 'GET') {
      answer(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
      return;
    }
    if (expected !== undefined && !timingSafeEqual(digest(bearerOf(req.headers.authorization)), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      answer(res, 401, 'text/plain; charset=utf-8', 'A bearer token is required\n');
      return;
    }
    void scrape(metrics, readState).then(
      (text) => answer(res, 200, metrics.registry.contentType, text),
      (error: unknown) => {
        log.error('metrics.scrape_failed', { problem: describeError(error) });
        answer(res, 500, 'text/plain; charset=utf-8', 'The metrics could not be read\n');
      },
    );
  });
}

/**
 * Starts the operator port from the environment, over the process's metrics and database; undefined (nothing started)
 * when METRICS_PORT is unset.
 */
export async function startMetricsServer(
  env: Pick<Env, 'metricsHost' | 'metricsPort' | 'metricsToken' | 'escalationWorkingDays'>,
  database: Pick<DatabaseHandle, 'db'>,
  clock: Clock = systemClock,
): Promise<{ readonly url: string; close(): Promise<void> } | undefined> {
  const port = env.metricsPort;
  if (port === undefined) return undefined;
  const metrics = portalMetrics();
  // Process figures under their usual names (process_*, nodejs_*: CPU, memory, event-loop delay, heap), once.
  if (metrics.registry.getSingleMetric('process_cpu_seconds_total') === undefined)
    collectDefaultMetrics({ register: metrics.registry });
  // Every limiter's series exists from the start at 0, so an alert on its rate works before the first refusal.
  // `signinAccount` counts sign-in attempts at one account told to wait (console/auth/sign-in-slowdown.server.ts).
  for (const limiter of [...Object.keys(DEFAULT_LIMITS), 'signinAccount'])
    metrics.rateLimitRefusals.inc({ limiter }, 0);
  const server = createMetricsServer({
    metrics,
    token: env.metricsToken,
    readState: () => readOperationalState(database.db, clock.now(), env.escalationWorkingDays),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EnvError([
              {
                variable: 'METRICS_PORT',
                message: `METRICS_PORT ${port} is already in use by another program; set METRICS_PORT to a free port`,
              },
            ])
          : error,
      ),
    );
    server.listen(port, env.metricsHost, resolve);
  });
  const host = env.metricsHost.includes(':') ? `[${env.metricsHost}]` : env.metricsHost;
  const url = `http://${host}:${port}${METRICS_PATH}`;
  log.info('metrics.listening', { url, token: env.metricsToken !== undefined });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function scrape(metrics: PortalMetrics, readState: () => Promise<OperationalState>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const state = await Promise.race([
      readState(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${STATE_TIMEOUT_MS} ms`)), STATE_TIMEOUT_MS);
      }),
    ]);
    metrics.outboxBacklog.set(state.outboxBacklog);
    metrics.outboxOldestAge.set(state.outboxOldestAgeSeconds);
    metrics.outboxDeadLetters.set(state.outboxDeadLetters);
    metrics.casesOverdue.set(state.casesOverdue);
    metrics.holidayListGap.reset();
    for (const gap of state.holidayListGaps)
      metrics.holidayListGap.set({ year: String(gap.year), problem: gap.problem }, 1);
    metrics.stateUp.set(1);
  } catch (error) {
    // The request and process series are still worth serving; the gauges keep their last values, marked stale.
    log.warn('metrics.database_unavailable', { problem: describeError(error) });
    metrics.stateUp.set(0);
  } finally {
    clearTimeout(timer);
  }
  return metrics.registry.metrics();
}

function answer(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function bearerOf(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? '';
}

/** A fixed-length digest, so timingSafeEqual compares equal lengths whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
