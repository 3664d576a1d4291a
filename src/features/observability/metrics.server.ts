/**
 * The portal's Prometheus metrics (prom-client), one set per process. Labels come from fixed lists only: a route
 * pattern (route-label.ts), a method, a status code, a rate limiter's name. Nothing about a client (address, key,
 * path, query) and nothing per point, commune or province: the metrics say how the service runs, not who uses it or
 * where.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { singleton } from '#src/lib/singleton.server.ts';

/** What the operator port serves, and what the server and the rate limits count into. */
export interface PortalMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'code'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly rateLimitRefusals: Counter<'limiter'>;
  readonly outboxBacklog: Gauge;
  readonly outboxOldestAge: Gauge;
  readonly outboxDeadLetters: Gauge;
  readonly casesOverdue: Gauge;
  readonly holidayListGap: Gauge;
  readonly stateUp: Gauge;
}

/** The process's metrics, made on first use: a refusal counted by a route shows in the registry the operator port serves. */
export function portalMetrics(): PortalMetrics {
  return singleton('metrics', createPortalMetrics);
}

/** A fresh set on a registry of its own (the process's set is {@link portalMetrics}; tests may make their own). */
export function createPortalMetrics(): PortalMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'hotro_http_requests_total',
      help: 'Requests answered, by method, route pattern (never the path) and status code.',
      labelNames: ['method', 'route', 'code'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'hotro_http_request_duration_seconds',
      help: 'Time from a request to the end of its answer, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: 'hotro_rate_limit_refusals_total',
      help: 'Requests refused by a rate limit, by limiter (intake, track, report, challenge, signin; signinAccount: sign-in attempts at one account told to wait; pointCases: new cases over the hourly cap of a point).',
      labelNames: ['limiter'],
      registers,
    }),
    outboxBacklog: new Gauge({
      name: 'hotro_outbox_backlog',
      help: 'E-mails queued and not sent yet (due now or waiting for a retry), read from the database at scrape.',
      registers,
    }),
    outboxOldestAge: new Gauge({
      name: 'hotro_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest e-mail not sent yet, 0 when none waits.',
      registers,
    }),
    outboxDeadLetters: new Gauge({
      name: 'hotro_outbox_dead_letters',
      help: 'E-mails that failed for good (shown in the console for a retry).',
      registers,
    }),
    casesOverdue: new Gauge({
      name: 'hotro_cases_overdue',
      help: 'Requests for help not acknowledged within ESCALATION_WORKING_DAYS working days.',
      registers,
    }),
    holidayListGap: new Gauge({
      name: 'hotro_holiday_list_gap',
      help: "1 for a year the public-holiday list (src/lib/holidays.ts) should cover by now with the government's decided dates and does not (problem: missing or provisional); due 30 days before the year turns.",
      labelNames: ['year', 'problem'],
      registers,
    }),
    stateUp: new Gauge({
      name: 'hotro_metrics_database_up',
      help: '1 when the database answered the queries behind the outbox and case gauges at this scrape, else 0.',
      registers,
    }),
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Counts one answered request: the route label is a pattern from route-label.ts, never the path. */
export function recordRequest(method: string | undefined, route: string, status: number, seconds: number): void {
  const metrics = portalMetrics();
  const methodLabel = method !== undefined && METHODS.has(method) ? method : 'other';
  metrics.httpRequests.inc({ method: methodLabel, route, code: String(status) });
  metrics.httpDuration.observe({ method: methodLabel, route }, seconds);
}

/** Counts one request a rate limit refused; the label is the limiter's name only, never the client's key. */
export function countRateLimitRefusal(limiter: string): void {
  portalMetrics().rateLimitRefusals.inc({ limiter });
}
