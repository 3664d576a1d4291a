/**
 * Two portals and two mail workers on one PostgreSQL database and one Redis, under mixed load (pages, the locator,
 * counselling requests): one portal and one worker are killed with SIGKILL mid-run and the portal is restarted. What
 * an operator must be able to count on afterwards: every request acknowledged with 201 is in the database, and every
 * point is told about each of its new cases exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningPortal } from '../setup/portal-process.ts';
import { createScaleCluster, type ScaleCluster } from '../setup/scale-cluster.ts';
import { auditCluster, fetchProofs, runMixedLoad, waitForDrain, type LoadTarget } from './scenario.ts';

const INTAKES = 90;

let cluster: ScaleCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('scaled mode: a portal and a worker killed mid-run', () => {
  it('loses no acknowledged request and sends every notice exactly once', async () => {
    cluster = await createScaleCluster();
    const c = cluster;
    // All at once, as a deployment would: migrations take a lock, and the demo directory is written once.
    const started = await Promise.all([c.startPortal(), c.startPortal(), c.startWorker(), c.startWorker()]);
    let a: RunningPortal = started[0];
    const [, b, ...workers] = started;
    const targets: LoadTarget[] = [
      { origin: a.url, up: true },
      { origin: b.url, up: true },
    ];
    const proofs = await fetchProofs(b.url, INTAKES);

    const result = await runMixedLoad({
      targets,
      proofs,
      faults: [
        {
          afterIntakes: Math.floor(INTAKES / 3),
          run: async () => {
            // Killed while requests are in flight to it; a load balancer would then stop sending it any.
            const killed = a.kill();
            targets[0] = { origin: a.url, up: false };
            await killed;
            a = await c.startPortal(a.port);
            targets[0] = { origin: a.url, up: true };
          },
        },
        { afterIntakes: Math.floor(INTAKES / 2), run: () => workers[1]?.kill() ?? Promise.resolve() },
      ],
    });
    // The run went on through the faults: most requests were acknowledged, by both portals.
    expect(result.acknowledged.length).toBeGreaterThan(INTAKES * 0.8);
    for (const status of result.intakeStatuses.keys())
      expect([201, 'ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'network']).toContain(status);
    expect(result.pageStatuses.get(200)).toBeGreaterThan(INTAKES);

    expect(await waitForDrain(c)).toBe(true);
    const audit = await auditCluster(c, result.acknowledged);
    expect(audit).toMatchObject({ lost: 0, halfWritten: 0, unsent: 0, missingMail: 0, duplicates: 0 });
    // Every acknowledged request has its case and its mail (a request cut off mid-flight may have one too).
    expect(audit.cases).toBeGreaterThanOrEqual(result.acknowledged.length);
    expect(audit.mailFiles).toBe(audit.cases);
  });
});
