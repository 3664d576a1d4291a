/**
 * Rate limits are shared through Redis: one client's burst split across two portals is limited as one. Counted in
 * each portal's memory instead, the same burst would get the limit twice over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '#src/features/anti-abuse/rate-limits.server.ts';
import { createScaleCluster, type ScaleCluster } from '../setup/scale-cluster.ts';
import { fetchProofs, postIntake } from './scenario.ts';

const BURST = 12;
/** The intake limit's shortest window: 5 requests per 10 minutes per client. */
const LIMIT = DEFAULT_LIMITS.intake[0].points;

let cluster: ScaleCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('scaled mode: rate limits', () => {
  it('limits a burst split across two portals as one', async () => {
    cluster = await createScaleCluster();
    const portals = await Promise.all([cluster.startPortal(), cluster.startPortal()]);
    const proofs = await fetchProofs(portals[0].url, BURST);
    // One client (one address) sending to each portal in turn, one request at a time.
    const client = '198.19.255.7';
    const answers: Array<{ portal: number; status: number | string }> = [];
    for (const [i, proof] of proofs.entries()) {
      const portal = i % 2;
      answers.push({ portal, status: (await postIntake(portals[portal]?.url ?? '', i, proof, client)).status });
    }
    const accepted = answers.filter((answer) => answer.status === 201);
    expect(accepted).toHaveLength(LIMIT);
    // Both portals took part in the one count, and everything past it was refused by either.
    expect(new Set(accepted.map((answer) => answer.portal))).toEqual(new Set([0, 1]));
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(BURST - LIMIT);
    expect(answers.slice(LIMIT).every((answer) => answer.status === 429)).toBe(true);
  });
});
