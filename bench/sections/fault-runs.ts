/**
 * Scaled mode under load and faults (the long form of tests/scale/, with the same scenario code): two portals and two
 * mail workers on one fresh PostgreSQL database and one Redis prefix.
 *
 * 1. Intake throughput and latency on PostgreSQL with one portal, then with two (the same database; requests split
 *    evenly): the maximum rate of 201s over 8 keep-alive connections, and p50/p99 at a fixed open-loop rate. Proofs of
 *    work are fetched and solved before each timed phase, one simulated client per request; no worker runs meanwhile,
 *    so sending mail does not compete for the CPU.
 * 2. The fault run: mixed load (pages, the locator, intakes) over both portals with the workers running; one portal is
 *    killed with SIGKILL and restarted, one worker killed with SIGKILL, and every connection to the database cut
 *    (`pg_terminate_backend`) twice. Then the workers drain the outbox and the audit counts lost requests (acknowledged
 *    with 201 but not stored), half-written cases and duplicate or missing notices. All must be 0.
 */
import os from 'node:os';
import type { RunningPortal } from '../../tests/setup/portal-process.ts';
import { createScaleCluster, type ScaleCluster } from '../../tests/setup/scale-cluster.ts';
import {
  auditCluster,
  fetchProofs,
  runMixedLoad,
  waitForDrain,
  type Audit,
  type LoadTarget,
} from '../../tests/scale/scenario.ts';
import { closedLoop, describeErrors, openLoop, type LoadResult } from '../lib/load.ts';
import { markdownTable, quantile } from '../lib/table.ts';
import { intakeRequest, maintainPostgres, source } from './intake-latency.ts';

const CONNECTIONS = 8;
const DURATION_MS = 8_000;
const RATE = 100;
/** Proofs per throughput phase; it ends after DURATION_MS or when they run out. */
const THROUGHPUT_PROOFS = 3_000;
const FAULT_RUN_INTAKES = 450;

interface Phase {
  throughput: { ok: number; okPerSecond: number; errors: Map<string, number> };
  fixedRate: { latenciesMs: number[]; errors: Map<string, number> };
}

/**
 * Runs one `closedLoop` (or `openLoop`) per portal at once, over a share of the connections (or rate) each. Between the
 * two, the saturation phase's backlog (autovacuum, the checkpoint its writes call for) is cleared first, as in the
 * intake section (maintainPostgres): otherwise whichever phase met it paid it in its p99.
 */
async function measure(portals: readonly RunningPortal[], databaseUrl: string): Promise<Phase> {
  const fixedCount = Math.floor((RATE * DURATION_MS) / 1000);
  const share = (total: number) => Math.ceil(total / portals.length);
  const proofs = await fetchProofs(portals[0]?.url ?? '', THROUGHPUT_PROOFS + fixedCount);
  let i = 0;
  const build = (count: number) => proofs.splice(0, count).map((altcha) => intakeRequest('/api/intake', i++, altcha));
  const throughputRequests = portals.map(() => build(share(THROUGHPUT_PROOFS)));
  const fixedRequests = portals.map(() => build(share(fixedCount)));
  const merge = (results: LoadResult[]) => {
    const errors = new Map<string, number>();
    for (const result of results)
      for (const [kind, count] of result.errorKinds) errors.set(kind, (errors.get(kind) ?? 0) + count);
    return errors;
  };
  const throughput = await Promise.all(
    portals.map((portal, index) =>
      closedLoop({
        origin: portal.url,
        expectStatus: 201,
        connections: share(CONNECTIONS),
        durationMs: DURATION_MS,
        next: source(throughputRequests[index] ?? []),
      }),
    ),
  );
  await maintainPostgres(databaseUrl)();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const fixedRate = await Promise.all(
    portals.map((portal, index) =>
      openLoop({
        origin: portal.url,
        expectStatus: 201,
        rate: RATE / portals.length,
        durationMs: DURATION_MS,
        next: source(fixedRequests[index] ?? []),
      }),
    ),
  );
  return {
    throughput: {
      ok: throughput.reduce((sum, result) => sum + result.ok, 0),
      okPerSecond: throughput.reduce((sum, result) => sum + result.okPerSecond, 0),
      errors: merge(throughput),
    },
    fixedRate: { latenciesMs: fixedRate.flatMap((result) => [...result.latenciesMs]), errors: merge(fixedRate) },
  };
}

/** The fault run: mixed load over both portals with SIGKILLs and connection cuts, then the audit. */
async function faultRun(
  cluster: ScaleCluster,
  portals: RunningPortal[],
): Promise<{ audit: Audit; drained: boolean; seconds: number }> {
  const started = performance.now();
  const workers = await Promise.all([cluster.startWorker(), cluster.startWorker()]);
  const targets: LoadTarget[] = portals.map((portal) => ({ origin: portal.url, up: true }));
  const proofs = await fetchProofs(portals[0]?.url ?? '', FAULT_RUN_INTAKES);
  const cut = async () => {
    await cluster.terminateBackends();
  };
  const result = await runMixedLoad({
    targets,
    proofs,
    faults: [
      { afterIntakes: Math.floor(FAULT_RUN_INTAKES * 0.2), run: cut },
      {
        afterIntakes: Math.floor(FAULT_RUN_INTAKES * 0.3),
        run: async () => {
          const victim = portals[0];
          if (victim === undefined) return;
          targets[0] = { origin: victim.url, up: false };
          await victim.kill();
          portals[0] = await cluster.startPortal(victim.port);
          targets[0] = { origin: victim.url, up: true };
        },
      },
      { afterIntakes: Math.floor(FAULT_RUN_INTAKES * 0.5), run: () => workers[1].kill() },
      { afterIntakes: Math.floor(FAULT_RUN_INTAKES * 0.7), run: cut },
    ],
  });
  const drained = await waitForDrain(cluster, 120_000);
  const audit = await auditCluster(cluster, result.acknowledged);
  return { audit, drained, seconds: (performance.now() - started) / 1000 };
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);
const errorsOf = (errors: Map<string, number>) => {
  const total = [...errors.values()].reduce((sum, n) => sum + n, 0);
  return total === 0 ? '0' : `${total} (${describeErrors(errors)})`;
};

/** The section: a throughput table (one and two portals) and the fault run's counts. Throws when PostgreSQL is absent. */
export async function faultRunsTable(): Promise<string> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  const cluster = await createScaleCluster();
  try {
    const portals = await Promise.all([cluster.startPortal(), cluster.startPortal()]);
    const one = await measure(portals.slice(0, 1), cluster.databaseUrl);
    const two = await measure(portals, cluster.databaseUrl);
    const fault = await faultRun(cluster, portals);
    const loadAfter = os.loadavg();

    const both = [one, two];
    const throughputTable = markdownTable(
      ['`POST /api/intake` on PostgreSQL (Redis limits)', 'one portal', 'two portals'],
      [
        [
          `max throughput, ${CONNECTIONS} keep-alive connections × ${DURATION_MS / 1000} s (201s)`,
          ...both.map((p) => `${Math.round(p.throughput.okPerSecond)} /s`),
        ],
        ['errors (max throughput)', ...both.map((p) => errorsOf(p.throughput.errors))],
        [
          `p50 at ${RATE} requests/s × ${DURATION_MS / 1000} s (open loop)`,
          ...both.map((p) => ms(quantile(p.fixedRate.latenciesMs, 0.5))),
        ],
        [`p99 at ${RATE} requests/s`, ...both.map((p) => ms(quantile(p.fixedRate.latenciesMs, 0.99)))],
        [`errors at ${RATE} requests/s`, ...both.map((p) => errorsOf(p.fixedRate.errors))],
      ],
    );
    const { audit } = fault;
    const zero = (n: number) => `${n} ${n === 0 ? 'yes' : 'NO'}`;
    const faultTable = markdownTable(
      ['fault run: 2 portals + 2 workers, one of each SIGKILLed, connections cut twice', 'count (target 0)'],
      [
        [
          'intakes acknowledged in the fault run (201) / cases in its database (with the throughput phases before it)',
          `${audit.acknowledged} / ${audit.cases}`,
        ],
        ['acknowledged but not stored (lost)', zero(audit.lost)],
        ['cases without their status event or notice (half-written)', zero(audit.halfWritten)],
        ['notices sent more than once (duplicate)', zero(audit.duplicates)],
        [
          `notices never sent (missing${fault.drained ? '' : ', outbox NOT drained'})`,
          zero(audit.missingMail + audit.unsent),
        ],
      ],
    );
    const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
    const note = [
      `Both portals share one database, so the second one adds CPU for the request handling but not for PostgreSQL`,
      `(on this machine they also share the same ${os.cpus().length} cores with the database and the load generator).`,
      `The database gets \`VACUUM ANALYZE\` and \`CHECKPOINT\` between the throughput and latency phases.`,
      `Fault run: ${FAULT_RUN_INTAKES} intakes and ${FAULT_RUN_INTAKES * 2} page loads, ${Math.round(fault.seconds)} s with the drain.`,
      `Load average (1 / 5 / 15 min): ${load(loadBefore)} before, ${load(loadAfter)} after`,
      `(${Math.round((performance.now() - started) / 1000)} s in all).`,
    ].join(' ');
    return `${throughputTable}\n\n${faultTable}\n\n${note}`;
  } finally {
    await cluster.close();
  }
}
