/**
 * People behind one carrier address must not be shut out by its limit (issue 19, item 9): with JavaScript, a proof of
 * work that grows with the address's recent volume lets a request for help past the limit; without JavaScript the limit
 * stays as it is (5 per 10 minutes, the portal's own numbers here). Through the real gate, proof of work and limits,
 * and the real challenge endpoint.
 */
import { randomBytes } from 'node:crypto';
import type { APIContext } from 'astro';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Challenge } from 'altcha-lib';
import { challengeLevel } from '#src/features/anti-abuse/gate.server.ts';
import {
  closeAntiAbuse,
  createAntiAbuse,
  getAntiAbuse,
  type AntiAbuse,
} from '#src/features/anti-abuse/services.server.ts';
import { GET } from '#src/pages/api/challenge.ts';
import { FAST_POW, FAST_POW_ENV, solvePow, testKeyring } from '../../setup/solve-pow.ts';
import { movableClock, testPrefix } from './helpers.ts';

const request = (): Request => new Request('http://localhost/api/intake', { method: 'POST' });
/** The secret counter a solved payload found: the work done, in PBKDF2 runs. */
const counterOf = (altcha: string): number =>
  (JSON.parse(Buffer.from(altcha, 'base64').toString('utf8')) as { solution: { counter: number } }).solution.counter;

describe('a harder proof of work past a busy address’s limit', () => {
  const services: AntiAbuse[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.close()));
  });
  const antiAbuse = (clock = movableClock(new Date())) => {
    // The portal's own limits: no `limits` option.
    const service = createAntiAbuse({ keyring: testKeyring(), proofOfWork: FAST_POW, keyPrefix: testPrefix(), clock });
    services.push(service);
    return service;
  };

  it('lets a JavaScript request through with a harder proof once the address has used its 5, and only with one', async () => {
    const clock = movableClock(new Date());
    const service = antiAbuse(clock);
    const key = await service.keyer.clientKey(request(), '203.0.113.50');
    const usual = async () => solvePow(await service.proofOfWork.createChallenge());
    const submit = async (fields: Record<string, string>) =>
      service.gate.checkSubmission({ form: { message: 'Xin tư vấn', ...fields }, clientKey: key, limiter: 'intake' });

    // Within the limit: the usual challenge, and no level in it.
    expect(await challengeLevel(service.limits, 'intake', key)).toBe(0);
    for (let i = 0; i < 5; i++) expect(await submit({ altcha: await usual() })).toEqual({ ok: true, proof: 'altcha' });
    // The sixth with the usual proof is refused, as today.
    expect(await submit({ altcha: await usual() })).toMatchObject({ ok: false, reason: 'rate-limited' });

    // The page sent back asks for a challenge again: a harder one now, signed with its level.
    const level = await challengeLevel(service.limits, 'intake', key);
    expect(level).toBe(2);
    const harder = await service.proofOfWork.createChallenge(level);
    expect(harder.parameters.data).toMatchObject({ level: 2 });
    const altcha = await solvePow(harder);
    // (1 + level) times the work: the secret counter lies in [1.5, 3] × the usual complexity (usual: ≤ 1×).
    expect(counterOf(altcha)).toBeGreaterThanOrEqual(FAST_POW.complexity * 1.5);
    expect(await submit({ altcha })).toEqual({ ok: true, proof: 'altcha', beyondLimit: true });

    // Each more request from the address asks for more work.
    expect(await challengeLevel(service.limits, 'intake', key)).toBe(3);
    // A harder proof of a lower level than half the address's volume no longer passes.
    for (let i = 0; i < 4; i++) await submit({ altcha: await usual() });
    const stale = await solvePow(await service.proofOfWork.createChallenge(2));
    expect(await submit({ altcha: stale })).toMatchObject({ ok: false, reason: 'rate-limited' });

    // Without JavaScript (the no-JS token), the address's limit holds.
    const token = service.fallback.issue('intake');
    clock.advance(10_000);
    expect(await submit({ altcha: '', fallback: token })).toMatchObject({ ok: false, reason: 'rate-limited' });
  });

  it('asks the usual work for other forms and for other addresses', async () => {
    const service = antiAbuse();
    const busy = await service.keyer.clientKey(request(), '203.0.113.51');
    for (let i = 0; i < 7; i++)
      await service.gate.checkSubmission({
        form: { altcha: await solvePow(await service.proofOfWork.createChallenge()) },
        clientKey: busy,
        limiter: 'intake',
      });
    expect(await challengeLevel(service.limits, 'intake', busy)).toBe(3);
    expect(await challengeLevel(service.limits, 'track', busy)).toBe(0);
    expect(await challengeLevel(service.limits, null, busy)).toBe(0);
    const quiet = await service.keyer.clientKey(request(), '203.0.113.52');
    expect(await challengeLevel(service.limits, 'intake', quiet)).toBe(0);
    // The receipt look-up's limit is not eased by a harder proof.
    const track = await service.keyer.clientKey(request(), '203.0.113.53');
    for (let i = 0; i < 10; i++)
      await service.gate.checkSubmission({
        form: { altcha: await solvePow(await service.proofOfWork.createChallenge()) },
        clientKey: track,
        limiter: 'track',
      });
    const hard = await solvePow(await service.proofOfWork.createChallenge(5));
    expect(
      await service.gate.checkSubmission({ form: { altcha: hard }, clientKey: track, limiter: 'track' }),
    ).toMatchObject({ ok: false, reason: 'rate-limited' });
  });
});

describe('GET /api/challenge?for=intake', () => {
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
  const get = async (address: string, query: string): Promise<Challenge> => {
    const response = await GET({
      request: new Request(`http://localhost/api/challenge${query}`),
      clientAddress: address,
    } as unknown as APIContext);
    expect(response.status).toBe(200);
    return (await response.json()) as Challenge;
  };

  it('hands an address over its limit a harder challenge, which the gate then lets through', async () => {
    const address = '198.51.100.77';
    const { gate, keyer } = await getAntiAbuse();
    const key = await keyer.clientKey(new Request('http://localhost/'), address);
    expect((await get(address, '?for=intake')).parameters.data).not.toHaveProperty('level');
    for (let i = 0; i < 6; i++)
      await gate.checkSubmission({
        form: { altcha: await solvePow(await get(address, '')) },
        clientKey: key,
        limiter: 'intake',
      });
    const harder = await get(address, '?for=intake');
    expect(harder.parameters.data).toMatchObject({ level: 2 });
    // Without `for`, or for another form, the usual one.
    expect((await get(address, '')).parameters.data).not.toHaveProperty('level');
    expect((await get(address, '?for=track')).parameters.data).not.toHaveProperty('level');
    expect(
      await gate.checkSubmission({ form: { altcha: await solvePow(harder) }, clientKey: key, limiter: 'intake' }),
    ).toEqual({ ok: true, proof: 'altcha', beyondLimit: true });
  });
});
