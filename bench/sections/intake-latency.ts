/**
 * Counselling requests: the portal's `POST /api/intake` (the real server, started as `npm start` does), on PGlite and
 * on PostgreSQL, in one run: p50/p99 latency at a fixed, open-loop rate of 100 requests per second for 10 s, after a
 * warm-up. Target: p99 ≤ 50 ms on PGlite. Requests for help arrive a few a minute nationally, so 100 per second is
 * already far above the need; there is no throughput target (ADR 020 retired the ratio against a bare handler).
 *
 * What is and is not measured:
 * - Every intake needs a single-use proof of work. The portal runs with FAST_POW_ENV (a proof costs about a
 *   millisecond to solve) and ALL proofs are fetched from /api/challenge and solved BEFORE the timed phase, so neither
 *   solving nor fetching challenges is in the figures; verifying the proof is (it is part of every request's cost).
 * - The server runs with TRUST_PROXY=1 and every challenge fetch and every intake carries its own X-Forwarded-For
 *   (RFC 2544 benchmark addresses, 198.18.0.0/15), so each request comes from a distinct simulated client: the
 *   per-client limits (`challenge` 60 and `intake` 5 per 10 minutes) never refuse anything, and what is measured is
 *   the rate limiter's COST per request (keyed hash of the address, counters), not its refusals.
 * - The portal runs with OUTBOX_IN_PROCESS=0 (the mail worker would compete for the CPU and the database) and
 *   LOG_LEVEL=warn; each server gets a fresh DATA_DIR or a fresh PostgreSQL database, dropped at the end.
 * - The load generator (bench/lib/load.ts) runs in this process, on the same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPortal, type RunningPortal } from '../../tests/setup/portal-process.ts';
import { freePort } from '../../tests/setup/scale-cluster.ts';
import { FAST_POW_ENV } from '../../tests/setup/solve-pow.ts';
import { fetchProofs, intakeFields, nextClientAddress } from '../../tests/scale/scenario.ts';
import { closedLoop, describeErrors, openLoop, type LoadRequest, type LoadResult } from '../lib/load.ts';
import { markdownTable, quantile } from '../lib/table.ts';

const CONNECTIONS = 16;
const DURATION_MS = 10_000;
const RATE = 100;
/** Requests sent (closed loop, 16 connections) to warm each server up before it is measured. */
const WARM_UP = 300;
const TARGET_P99_MS = 50;

type EngineName = 'PGlite' | 'PostgreSQL';

interface Measured {
  fixedRate: LoadResult;
}

// ---------------------------------------------------------------------------------------------------------------------
// Requests

export function intakeRequest(path: string, i: number, altcha: string): LoadRequest {
  return {
    path,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextClientAddress() },
    body: Buffer.from(JSON.stringify({ ...intakeFields(i), altcha })),
  };
}

/** A request source over pre-built requests: `undefined` once they run out, unless `cycle` (then round and round). */
export function source(requests: readonly LoadRequest[], cycle = false): () => LoadRequest | undefined {
  let index = 0;
  return () => (cycle ? requests[index++ % requests.length] : requests[index++]);
}

// ---------------------------------------------------------------------------------------------------------------------
// Measuring one server

async function measure(
  origin: string,
  path: string,
  proofsFor: (count: number) => Promise<string[]>,
  /** Run between the warm-up and the timed phase (on PostgreSQL: `maintainPostgres`). */
  beforeTimedPhase: () => Promise<void> = async () => undefined,
): Promise<Measured> {
  const fixedCount = Math.floor((RATE * DURATION_MS) / 1000);
  // Proofs first, then the requests built from them: nothing but sending and answering happens in the timed phase.
  const proofs = await proofsFor(WARM_UP + fixedCount);
  let i = 0;
  const build = (count: number) => proofs.splice(0, count).map((altcha) => intakeRequest(path, i++, altcha));
  const warmUp = build(WARM_UP);
  const fixedRequests = build(fixedCount);

  const warm = await closedLoop({
    origin,
    expectStatus: 201,
    connections: CONNECTIONS,
    durationMs: 60_000,
    next: source(warmUp),
  });
  if (warm.ok === 0)
    throw new Error(`intake bench: no 201 while warming up ${origin} (${describeErrors(warm.errorKinds)})`);

  await beforeTimedPhase();
  await settle();
  const fixedRate = await openLoop({
    origin,
    expectStatus: 201,
    rate: RATE,
    durationMs: DURATION_MS,
    next: source(fixedRequests),
  });
  await settle();
  return { fixedRate };
}

/** A short pause between phases, so one phase's backlog (e.g. a checkpoint) does not land in the next. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

/**
 * Writes leave PostgreSQL a backlog: autovacuum and analyze of the new rows, a checkpoint. On this machine those share
 * the two cores with the server under test, so a latency phase that met them paid them in its p99. The backlog is
 * cleared before the latency phase, which measures the steady state at 100 requests/s. (PGlite runs no background
 * maintenance.)
 */
export function maintainPostgres(databaseUrl: string): () => Promise<void> {
  return async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
      await client.query('CHECKPOINT');
    } finally {
      await client.end();
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Servers

/** Stops the portal; SIGKILL if it has not exited within 20 s. */
async function stopPortal(portal: RunningPortal): Promise<void> {
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 20_000).unref());
  if ((await Promise.race([portal.stop(), timer])) === 'late') await portal.kill();
}

async function measurePortal(engine: { databaseUrl?: string }): Promise<Measured> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'hotro-bench-intake-'));
  try {
    const portal = await startPortal({
      port: await freePort(),
      dataDir,
      // A first start on a fresh database migrates and writes the demo directory; a busy machine needs a while.
      timeoutMs: 300_000,
      env: {
        NODE_ENV: 'production',
        SITE_URL: 'https://hotro.example.test',
        DEMO: '1',
        ...FAST_POW_ENV,
        TRUST_PROXY: '1',
        OUTBOX_IN_PROCESS: '0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: engine.databaseUrl,
        // Unset whatever the calling shell sets: rate limits in memory, mail to files (none is sent: no worker runs).
        REDIS_URL: undefined,
        RESEND_API_KEY: undefined,
      },
    });
    try {
      return await measure(
        portal.url,
        '/api/intake',
        (count) => fetchProofs(portal.url, count),
        engine.databaseUrl === undefined ? undefined : maintainPostgres(engine.databaseUrl),
      );
    } finally {
      await stopPortal(portal);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// PostgreSQL databases

interface PostgresPlace {
  databaseUrl(name: string): Promise<string>;
  dropAll(): Promise<void>;
}

async function connectPostgres(adminUrl: string): Promise<PostgresPlace | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const created: string[] = [];
  return {
    async databaseUrl(suffix) {
      const name = `hotro_bench_intake_${suffix}_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      created.push(name);
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async dropAll() {
      try {
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The table

const ms = (value: number) => (Number.isNaN(value) ? '—' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);
const errors = (result: LoadResult) =>
  result.errors === 0 ? '0' : `${result.errors} (${describeErrors(result.errorKinds)})`;

/** The benchmark (Markdown table and a note): PGlite always, PostgreSQL when `postgresAdminUrl` answers. */
export async function intakeLatencyTable(options: { postgresAdminUrl?: string }): Promise<string> {
  const loadBefore = os.loadavg();
  const started = performance.now();
  const postgres = options.postgresAdminUrl === undefined ? undefined : await connectPostgres(options.postgresAdminUrl);
  const columns: { engine: EngineName; portal: Measured }[] = [];
  try {
    columns.push({ engine: 'PGlite', portal: await measurePortal({}) });
    if (postgres !== undefined)
      columns.push({
        engine: 'PostgreSQL',
        portal: await measurePortal({ databaseUrl: await postgres.databaseUrl('portal') }),
      });
  } finally {
    await postgres?.dropAll();
  }
  const loadAfter = os.loadavg();

  const headers = ['`POST /api/intake`, one request = one durable write', ...columns.map(({ engine }) => engine)];
  const row = (label: string, cell: (measured: Measured, engine: EngineName) => string) => [
    label,
    ...columns.map(({ portal, engine }) => cell(portal, engine)),
  ];
  const p99Of = (measured: Measured) => quantile(measured.fixedRate.latenciesMs, 0.99);
  const rows = [
    row(`p50 at ${RATE} requests/s × ${DURATION_MS / 1000} s (open loop)`, (m) =>
      ms(quantile(m.fixedRate.latenciesMs, 0.5)),
    ),
    row(`p99 at ${RATE} requests/s`, (m) => ms(p99Of(m))),
    row(`errors at ${RATE} requests/s`, (m) => errors(m.fixedRate)),
    row(`p99 ≤ ${TARGET_P99_MS} ms at ${RATE} requests/s (target on PGlite)`, (m, engine) =>
      engine === 'PGlite' ? (p99Of(m) <= TARGET_P99_MS && m.fixedRate.errors === 0 ? 'yes' : 'NO') : '—',
    ),
  ];

  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const note = [
    `Proofs of work fetched and solved before the timed phase; one X-Forwarded-For per request (distinct simulated`,
    `clients, so the per-client limits refuse nothing and only their cost is measured); ${WARM_UP} requests to warm up.`,
    `Latency counts from each request's scheduled time; on PostgreSQL the database gets \`VACUUM ANALYZE\` and \`CHECKPOINT\` after the warm-up.`,
    postgres === undefined ? 'PostgreSQL not measured (no server answered).' : '',
    `Load average (1 / 5 / 15 min) on ${os.cpus().length} cores: ${load(loadBefore)} before, ${load(loadAfter)} after`,
    `(${Math.round((performance.now() - started) / 1000)} s in all; the load generator shares the machine).`,
  ]
    .filter((line) => line !== '')
    .join(' ');
  return `${markdownTable(headers, rows)}\n\n${note}`;
}
