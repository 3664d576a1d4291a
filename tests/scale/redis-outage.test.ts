/**
 * Redis goes away mid-run: the portal keeps taking requests and serving pages with per-instance limits in memory, and
 * its log says so (one warning line), so an operator learns that limits are no longer shared.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createScaleCluster, type ScaleCluster } from '../setup/scale-cluster.ts';
import { fetchProofs, getPage, MIXED_PAGES, postIntake } from './scenario.ts';

let cluster: ScaleCluster | undefined;
let proxy: { url: string; close(): Promise<void> } | undefined;
afterEach(async () => {
  await proxy?.close();
  await cluster?.close();
  cluster = undefined;
  proxy = undefined;
});

/** A TCP relay to the real Redis on a port of its own, so the test can take "Redis" away without touching the server. */
async function redisRelay(target: URL): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let closing: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      })),
  };
}

describe('scaled mode: Redis unavailable', () => {
  it('keeps serving intake and pages on local limits and says so in its log', async () => {
    cluster = await createScaleCluster();
    const relay = await redisRelay(new URL(cluster.redisUrl ?? 'redis://127.0.0.1:6379'));
    proxy = relay;
    const portal = await cluster.startPortal(undefined, { REDIS_URL: relay.url });
    const proofs = await fetchProofs(portal.url, 8);

    const before = [];
    for (const [i, proof] of proofs.slice(0, 3).entries()) before.push((await postIntake(portal.url, i, proof)).status);
    expect(before).toEqual([201, 201, 201]);
    expect(portal.output()).not.toContain('anti-abuse.redis-unavailable');

    await relay.close();
    const after = [];
    for (const [i, proof] of proofs.slice(3).entries()) after.push((await postIntake(portal.url, 3 + i, proof)).status);
    expect(after).toEqual([201, 201, 201, 201, 201]);
    for (const path of MIXED_PAGES) expect(await getPage(portal.url, path)).toBe(200);
    // One line per outage, naming the fallback (and no connection string).
    const warnings = portal
      .output()
      .split('\n')
      .filter((line) => line.includes('anti-abuse.redis-unavailable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] ?? '')).toMatchObject({ event: 'anti-abuse.redis-unavailable', fallback: 'memory' });
    expect(warnings[0]).not.toContain('redis://');
  });
});
