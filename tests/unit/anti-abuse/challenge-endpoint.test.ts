import { randomBytes } from 'node:crypto';
import type { APIContext } from 'astro';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeAntiAbuse, getAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import { GET } from '#src/pages/api/challenge.ts';
import { FAST_POW_ENV, solvePow } from '../../setup/solve-pow.ts';

// The shared services read the environment: an in-memory key (no key file), no Redis, cheap challenges.
beforeAll(() => {
  vi.stubEnv('INTAKE_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  vi.stubEnv('REDIS_URL', '');
  vi.stubEnv('TRUST_PROXY', '0');
  for (const [name, value] of Object.entries(FAST_POW_ENV)) vi.stubEnv(name, value);
});
afterAll(async () => {
  await closeAntiAbuse();
  vi.unstubAllEnvs();
});

const contextFrom = (address: string) =>
  ({ request: new Request('http://localhost/api/challenge'), clientAddress: address }) as unknown as APIContext;

describe('GET /api/challenge', () => {
  it('answers a fresh challenge, never cached, that the gate then accepts once', async () => {
    const response = await GET(contextFrom('203.0.113.7'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const altcha = await solvePow(await response.json());
    const { gate, keyer } = await getAntiAbuse();
    const key = await keyer.clientKey(new Request('http://localhost/'), '203.0.113.7');
    expect(await gate.checkSubmission({ form: { altcha }, clientKey: key, limiter: 'intake' })).toEqual({
      ok: true,
      proof: 'altcha',
    });
    expect(await gate.checkSubmission({ form: { altcha }, clientKey: key, limiter: 'intake' })).toMatchObject({
      ok: false,
      reason: 'proof-reused',
    });
  });

  it('refuses more than 60 challenges in 10 minutes from one address, with Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 61; i += 1) last = await GET(contextFrom('198.51.100.99'));
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await GET(contextFrom('198.51.100.100'))).status).toBe(200);
  });
});
