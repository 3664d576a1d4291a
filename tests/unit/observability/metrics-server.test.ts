/**
 * The operator port's `/metrics` over a real database (PGlite, or PostgreSQL with TEST_DB_ENGINE=postgres): the mail
 * backlog, the age of the oldest unsent e-mail, dead letters and requests past the escalation limit are what the
 * database holds at the scrape; a token, when set, is required; nothing but `GET /metrics` answers.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox } from '#src/db/schema/index.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { createPortalMetrics } from '#src/features/observability/metrics.server.ts';
import { createMetricsServer } from '#src/features/observability/metrics-server.server.ts';
import { readOperationalState } from '#src/features/observability/operational-state.server.ts';
import { createTestDatabase, type TestDatabase } from '../../setup/db.ts';
import { testKeyring } from '../../setup/solve-pow.ts';
import { insertTestPoint } from '../intake/helpers.ts';
import { newCaseMessage } from '../outbox/helpers.ts';

// Wednesday 18 November 2026, 10:00 in Vietnam. With 2 working days, a request from before Monday 16th 10:00 is overdue.
const NOW = new Date('2026-11-18T03:00:00Z');
const TOKEN = 'a'.repeat(20) + randomUUID();

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const keyring = testKeyring();
  const point = await insertTestPoint(db, {
    name: 'Trạm Y tế phường Ba Đình',
    operatorKind: 'health-station',
    provinceCode: '01',
    communeCode: '00004',
    lat: 21.0365,
    lon: 105.8379,
    serviceTypes: ['counselling'],
    notificationEmail: 'metrics-point@example.invalid',
    phone: '024 3823 1234',
  });
  const request = async (createdAt: string, status: 'new' | 'acknowledged') => {
    const id = randomUUID();
    await db.insert(cases).values({
      id,
      pointId: point,
      routingReason: 'in-commune',
      routingDistanceKm: 0,
      helpWanted: 'counselling',
      requesterKind: 'family',
      ageBand: '18-24',
      communeCode: null,
      provinceCode: null,
      receiptHash: Buffer.from(randomUUID()),
      receiptKeyId: 'unit',
      createdAt: new Date(createdAt),
      status,
      ...(status === 'acknowledged' ? { acknowledgedAt: new Date(createdAt) } : {}),
    });
    await db
      .insert(caseEvents)
      .values({ caseId: id, at: new Date(createdAt), fromStatus: null, toStatus: 'new', actorKind: 'system' });
  };
  // Overdue: two new requests from the previous week. Not overdue: one from this morning, one acknowledged long ago.
  await request('2026-11-10T03:00:00Z', 'new');
  await request('2026-11-13T01:00:00Z', 'new');
  await request('2026-11-18T01:00:00Z', 'new');
  await request('2026-11-02T03:00:00Z', 'acknowledged');

  // Mail: three unsent (the oldest queued 90 minutes before NOW), one dead, one sent.
  const ages = [90 * 60_000, 5 * 60_000, 60_000, 3 * 86_400_000, 4 * 86_400_000];
  const ids: string[] = [];
  for (const age of ages) {
    const { id } = await enqueue(db, newCaseMessage(), keyring);
    await db
      .update(outbox)
      .set({ createdAt: new Date(NOW.getTime() - age) })
      .where(eq(outbox.id, id));
    ids.push(id);
  }
  await db
    .update(outbox)
    .set({ status: 'dead', attempts: 8, lastError: 'http_422:validation_error' })
    .where(eq(outbox.id, ids[3] ?? ''));
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: NOW })
    .where(eq(outbox.id, ids[4] ?? ''));
});
afterAll(async () => database.cleanup());

/** A metrics server on a free loopback port, over the test database at NOW. */
async function serve(token?: string): Promise<{ url: string; server: http.Server }> {
  const metrics = createPortalMetrics();
  metrics.httpRequests.inc({ method: 'GET', route: '/tim-ho-tro/diem/[id]', code: '200' });
  const server = createMetricsServer({
    metrics,
    token,
    readState: () => readOperationalState(database.db, NOW, 2),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The value of one series (its name, and its labels as the text format writes them) in Prometheus's text format. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('the operator port', () => {
  it('reports the backlog, the oldest unsent e-mail, dead letters and overdue requests the database holds', async () => {
    const { url, server } = await serve();
    try {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect({
        backlog: sample(text, 'hotro_outbox_backlog'),
        oldest: sample(text, 'hotro_outbox_oldest_unsent_age_seconds'),
        dead: sample(text, 'hotro_outbox_dead_letters'),
        overdue: sample(text, 'hotro_cases_overdue'),
        up: sample(text, 'hotro_metrics_database_up'),
      }).toEqual({ backlog: 3, oldest: 90 * 60, dead: 1, overdue: 2, up: 1 });
      expect(text).toContain('hotro_http_requests_total{method="GET",route="/tim-ho-tro/diem/[id]",code="200"} 1');
    } finally {
      server.close();
    }
  });

  // The list of public holidays (src/lib/holidays.ts) must be extended each year from the government's decision; an
  // operator is told a month before the year turns, without waiting for a test run.
  it('names a year the public-holiday list should cover by now with decided dates and does not', async () => {
    const metrics = createPortalMetrics();
    const at = (now: string) =>
      createMetricsServer({
        metrics,
        token: undefined,
        readState: () => readOperationalState(database.db, new Date(now), 2),
      });
    const scrapeAt = async (now: string) => {
      const server = at(now);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        return await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
      } finally {
        server.close();
      }
    };
    // 2 December 2026 in Vietnam: 1 January 2027 is 30 days ahead, and 2027's dates are only provisional.
    const december = await scrapeAt('2026-12-02T05:00:00Z');
    expect(sample(december, 'hotro_holiday_list_gap{year="2027",problem="provisional"}')).toBe(1);
    // Mid-November, nothing is due yet: the series is absent, not left over from the scrape before.
    const november = await scrapeAt('2026-11-18T03:00:00Z');
    expect(november).not.toMatch(/^hotro_holiday_list_gap\{/m);
    // A year not listed at all.
    expect(
      sample(await scrapeAt('2028-12-10T03:00:00Z'), 'hotro_holiday_list_gap{year="2029",problem="missing"}'),
    ).toBe(1);
  });

  it('answers 404 to anything but GET /metrics', async () => {
    const { url, server } = await serve();
    try {
      const answers = [
        (await fetch(`${url}/`)).status,
        (await fetch(`${url}/metrics/x`)).status,
        (await fetch(`${url}/metrics`, { method: 'POST' })).status,
      ];
      expect(answers).toEqual([404, 404, 404]);
      expect((await fetch(`${url}/metrics?x=1`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('with a token, serves only a scrape that sends it as a bearer token', async () => {
    const { url, server } = await serve(TOKEN);
    try {
      const as = async (authorization?: string) =>
        (await fetch(`${url}/metrics`, authorization === undefined ? {} : { headers: { authorization } })).status;
      expect([
        await as(),
        await as(`Bearer ${TOKEN.slice(0, -1)}`),
        await as(`Bearer ${TOKEN}x`),
        await as(`Basic ${TOKEN}`),
        await as(TOKEN),
        await as(`Bearer ${TOKEN}`),
        await as(`bearer  ${TOKEN}`),
      ]).toEqual([401, 401, 401, 401, 401, 200, 200]);
      const refused = await fetch(`${url}/metrics`);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await refused.text()).not.toContain('hotro_');
    } finally {
      server.close();
    }
  });

  it('still serves the request series, marked, when the database does not answer', async () => {
    const metrics = createPortalMetrics();
    metrics.httpRequests.inc({ method: 'GET', route: '/', code: '200' });
    const server = createMetricsServer({
      metrics,
      token: undefined,
      readState: () => Promise.reject(new Error('connection refused')),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
      expect(sample(text, 'hotro_metrics_database_up')).toBe(0);
      expect(text).toContain('hotro_http_requests_total{method="GET",route="/",code="200"} 1');
    } finally {
      server.close();
    }
  });
});
