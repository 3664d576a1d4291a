/**
 * PostgreSQL cuts every connection of the portal and the worker mid-run (`pg_terminate_backend`, as a failover or an
 * administrator would). A requester must never be told "received" for something that was not stored; a request either
 * succeeds or fails with a clear 5xx; afterwards the portal serves again without a restart, and no case is half-written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createScaleCluster, type ScaleCluster } from '../setup/scale-cluster.ts';
import { auditCluster, fetchProofs, postIntake, runMixedLoad, waitForDrain } from './scenario.ts';

const INTAKES = 60;

let cluster: ScaleCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('scaled mode: database connections cut mid-run', () => {
  it('answers 201 only for stored requests, recovers by itself and leaves nothing half-written', async () => {
    cluster = await createScaleCluster();
    const c = cluster;
    const [portal] = await Promise.all([c.startPortal(), c.startWorker()]);
    const proofs = await fetchProofs(portal.url, INTAKES + 5);
    const terminated: number[] = [];
    const cut = async () => {
      terminated.push(await c.terminateBackends());
    };

    const result = await runMixedLoad({
      targets: [{ origin: portal.url, up: true }],
      proofs: proofs.slice(0, INTAKES),
      pagesPerIntake: 1,
      faults: [
        { afterIntakes: 15, run: cut },
        { afterIntakes: 30, run: cut },
        { afterIntakes: 45, run: cut },
      ],
    });

    // The cuts reached the portal's and the worker's connections.
    expect(terminated.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    // Success, or a clear "try again later" (503 with Retry-After from the intake API): never a hang or a dropped socket.
    for (const status of result.intakeStatuses.keys()) expect([201, 503]).toContain(status);
    for (const status of result.pageStatuses.keys())
      expect(typeof status === 'number' && (status === 200 || status >= 500)).toBe(true);
    expect(result.acknowledged.length).toBeGreaterThan(INTAKES / 2);

    // Recovered without a restart: ready, and the next requests are stored.
    const ready = await fetch(new URL('/readyz', portal.url));
    expect(ready.status).toBe(200);
    const after = [];
    for (const [index, proof] of proofs.slice(INTAKES).entries())
      after.push(await postIntake(portal.url, INTAKES + index, proof));
    expect(after.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);

    expect(await waitForDrain(c)).toBe(true);
    const audit = await auditCluster(c, [
      ...result.acknowledged,
      ...after.flatMap((answer) => answer.receiptCode ?? []),
    ]);
    expect(audit).toMatchObject({ lost: 0, halfWritten: 0, unsent: 0, missingMail: 0, duplicates: 0 });
  });
});
