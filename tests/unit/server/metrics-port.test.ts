/**
 * Metrics as an operator reads them from the built portal (`npm start`): `/metrics` answers 404 on the public port,
 * whatever is sent; on the operator port (METRICS_PORT, loopback) with the token it answers the request counts and
 * durations by route pattern, rate-limit refusals by limiter, the mail backlog and its oldest e-mail, dead letters and
 * overdue requests. No path, id, query or client address gets into a label, and the log is one JSON event per line.
 * On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_ROUTE, STATIC_FILE_PATTERNS } from '#src/features/observability/route-label.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';
import { repoRoot, startPortal, type RunningPortal } from '../../setup/portal-process.ts';
import { freePort, hasBuild, NO_BUILD_MESSAGE, sendIntake, serverEnv } from '../intake/portal-helpers.ts';

const TOKEN = randomUUID() + randomUUID();
const PROBE = `METRICSPROBE${randomUUID().slice(0, 8)}`;
const CLIENT = '198.51.100.77';

/** The value of one series (name and labels exactly as written), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.skipIf(!hasBuild)(`metrics on the operator port (${testEngine})`, () => {
  let place: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
  let portal: RunningPortal;
  let metricsUrl: string;
  let publicMetrics: number[];
  let challenges: number[];
  let intake: number | string;

  beforeAll(async () => {
    place = await createTestDatabaseEnv();
    const [port, metricsPort] = [await freePort(), await freePort()];
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    portal = await startPortal({
      port,
      dataDir: place.env.dataDir,
      // The server sends no mail itself here, so the notice of the request below waits in the outbox.
      env: serverEnv(place.env.databaseUrl, {
        SITE_URL: `http://127.0.0.1:${port}`,
        OUTBOX_IN_PROCESS: '0',
        METRICS_PORT: String(metricsPort),
        METRICS_TOKEN: TOKEN,
      }),
      timeoutMs: 300_000,
    });
    const get = async (path: string, headers: Record<string, string> = {}) =>
      (await fetch(`${portal.url}${path}`, { headers: { 'x-forwarded-for': CLIENT, ...headers } })).status;
    await get('/');
    await get(`/tim-ho-tro/diem/${PROBE}?q=${PROBE}`);
    await get(`/${PROBE}`);
    publicMetrics = [
      await get('/metrics'),
      await get('/metrics', { authorization: `Bearer ${TOKEN}` }),
      await get('/metrics/'),
    ];
    intake = (
      await sendIntake(portal.url, {
        who: 'family',
        communeCode: '00004',
        helpWanted: 'counselling',
        ageBand: '18-24',
        message: PROBE,
        contact: { kind: 'phone', value: '0912345678' },
      })
    ).status;
    // One more challenge than the limit allows in ten minutes, from one client.
    challenges = [];
    for (let i = 0; i < 61; i++) challenges.push(await get('/api/challenge'));
  }, 600_000);

  afterAll(async () => {
    if (portal !== undefined && portal.process.exitCode === null) await portal.stop();
    await place?.cleanup();
  });

  it('answers 404 on the public port, with or without the token', () => {
    expect(publicMetrics).toEqual([404, 404, 404]);
  });

  it('answers 401 on the operator port without the token', async () => {
    const refused = await fetch(metricsUrl);
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain('hotro_');
  });

  it('answers every series with the token', async () => {
    expect([intake, challenges.at(-1), challenges.at(-2)]).toEqual([201, 429, 200]);
    const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect({
      point: sample(text, 'hotro_http_requests_total{method="GET",route="/tim-ho-tro/diem/[id]",code="404"}'),
      unknown: sample(text, `hotro_http_requests_total{method="GET",route="${OTHER_ROUTE}",code="404"}`),
      intake: sample(text, 'hotro_http_requests_total{method="POST",route="/api/intake",code="201"}'),
      refused: sample(text, 'hotro_http_requests_total{method="GET",route="/api/challenge",code="429"}'),
      challengeRefusals: sample(text, 'hotro_rate_limit_refusals_total{limiter="challenge"}'),
      intakeRefusals: sample(text, 'hotro_rate_limit_refusals_total{limiter="intake"}'),
      backlog: sample(text, 'hotro_outbox_backlog'),
      dead: sample(text, 'hotro_outbox_dead_letters'),
      overdue: sample(text, 'hotro_cases_overdue'),
      up: sample(text, 'hotro_metrics_database_up'),
    }).toEqual({
      point: 1,
      // The invented path and the three public /metrics attempts.
      unknown: 4,
      intake: 1,
      refused: 1,
      challengeRefusals: 1,
      intakeRefusals: 0,
      // The new request's notice to its point.
      backlog: 1,
      dead: 0,
      overdue: 0,
      up: 1,
    });
    // startPortal's wait for the portal asked for `/` too.
    expect(sample(text, 'hotro_http_requests_total{method="GET",route="/",code="200"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'hotro_outbox_oldest_unsent_age_seconds')).toBeGreaterThan(0);
    expect(
      sample(text, 'hotro_http_request_duration_seconds_count{method="GET",route="/api/challenge"}'),
    ).toBeGreaterThanOrEqual(61);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('labels requests only with patterns of the build, never a path, query or client', async () => {
    const text = await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).not.toContain(PROBE);
    expect(text).not.toMatch(/198\.51\.100|127\.0\.0\.1/);
    const built = JSON.parse(readFileSync(join(repoRoot, 'dist/routes.json'), 'utf8')) as Array<{ pattern: string }>;
    const allowed = new Set([...built.map((route) => route.pattern), ...STATIC_FILE_PATTERNS, OTHER_ROUTE]);
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => !allowed.has(route))).toEqual([]);
    // Our series carry these labels only (prom-client's process series, unprefixed, describe the process itself).
    const ours = text.split('\n').filter((line) => line.startsWith('hotro_'));
    const labelNames = new Set(ours.flatMap((line) => [...line.matchAll(/[{,]([a-z_]+)="/g)].map((match) => match[1])));
    // `year` and `problem` come from the holiday list's check (hotro_holiday_list_gap), present only when a year's
    // list is due: values from the code, never from a request.
    const known = ['code', 'le', 'limiter', 'method', 'route', 'year', 'problem'];
    expect([...labelNames].filter((name) => name === undefined || !known.includes(name))).toEqual([]);
    expect([...labelNames]).toEqual(expect.arrayContaining(['code', 'le', 'limiter', 'method', 'route']));
  });

  it('logs one JSON event per line, with no client address or typed text', async () => {
    expect(await portal.stop()).toBe(0);
    const lines = portal
      .output()
      .split('\n')
      .filter((line) => line !== '');
    const events = lines.map((line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return [typeof parsed['time'], typeof parsed['level'], typeof parsed['event']];
    });
    expect(
      events.filter(([time, level, event]) => time !== 'string' || level !== 'string' || event !== 'string'),
    ).toEqual([]);
    const names = lines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(names).toEqual(expect.arrayContaining(['server.listening', 'metrics.listening', 'intake.accepted']));
    expect(portal.output()).not.toContain(PROBE);
    expect(portal.output()).not.toContain(CLIENT);
    expect(portal.output()).not.toContain(TOKEN);
  });
});

describe.skipIf(hasBuild)('metrics on the operator port', () => {
  it.skip(NO_BUILD_MESSAGE, () => undefined);
});
