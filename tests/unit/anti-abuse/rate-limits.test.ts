import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import { createRateLimits, DEFAULT_LIMITS, type RateLimits } from '#src/features/anti-abuse/rate-limits.server.ts';
import { createAntiAbuseStore, type AntiAbuseStore } from '#src/features/anti-abuse/store.server.ts';
import { captureOutput, CLOSED_REDIS_URL, countKeys, deleteKeys, REDIS_URL, skipRedis, testPrefix } from './helpers.ts';

const alice = 'a'.repeat(32) as ClientKey;
const bob = 'b'.repeat(32) as ClientKey;
const small = { intake: [{ points: 3, durationSeconds: 600 }] };

const stores: AntiAbuseStore[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  if (!skipRedis) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});

function limitsOn(
  redisUrl: string | undefined,
  prefix = testPrefix(),
  limits: Parameters<typeof createRateLimits>[0]['limits'] = small,
): RateLimits {
  if (redisUrl === REDIS_URL) prefixes.push(prefix);
  const store = createAntiAbuseStore({ redisUrl, keyPrefix: prefix });
  stores.push(store);
  return createRateLimits({ store, limits });
}

async function consumeTimes(limits: RateLimits, times: number, key: ClientKey = alice) {
  const results = [];
  for (let i = 0; i < times; i += 1) results.push(await limits.consume('intake', key));
  return results;
}

describe('portal limits', () => {
  it('allow 5 requests per 10 minutes and 20 per day, 10 look-ups per 10 minutes and 10 reports per hour', () => {
    expect(DEFAULT_LIMITS.intake).toEqual([
      { points: 5, durationSeconds: 600 },
      { points: 20, durationSeconds: 86_400 },
    ]);
    expect(DEFAULT_LIMITS.track).toEqual([{ points: 10, durationSeconds: 600 }]);
    expect(DEFAULT_LIMITS.report).toEqual([{ points: 10, durationSeconds: 3600 }]);
  });
});

describe.each([
  { engine: 'memory', url: undefined },
  { engine: 'Redis', url: REDIS_URL },
])('rate limits ($engine)', ({ url }) => {
  it.skipIf(url !== undefined && skipRedis)(
    'let the allowed number through, then refuse with the wait in seconds',
    async () => {
      const limits = limitsOn(url);
      const results = await consumeTimes(limits, 4);
      expect(results.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      const refused = results[3];
      expect(refused?.ok).toBe(false);
      if (refused?.ok === false) {
        expect(refused.retryAfterSeconds).toBeGreaterThan(590);
        expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
      }
    },
  );

  it.skipIf(url !== undefined && skipRedis)('count each client on its own', async () => {
    const limits = limitsOn(url);
    await consumeTimes(limits, 4, alice);
    expect(await limits.consume('intake', bob)).toEqual({ ok: true });
  });

  it.skipIf(url !== undefined && skipRedis)(
    'refuse when any window is full, even after a shorter one has reset',
    async () => {
      const limits = limitsOn(url, testPrefix(), {
        intake: [
          { points: 2, durationSeconds: 1 },
          { points: 3, durationSeconds: 60 },
        ],
      });
      expect((await consumeTimes(limits, 3)).map((result) => result.ok)).toEqual([true, true, false]);
      await sleep(1100);
      const later = await limits.consume('intake', alice);
      expect(later.ok).toBe(false);
      if (!later.ok) expect(later.retryAfterSeconds).toBeGreaterThan(50);
    },
  );
});

describe.skipIf(skipRedis)('rate limits shared through Redis', () => {
  it('are counted together by two instances', async () => {
    const prefix = testPrefix();
    const first = limitsOn(REDIS_URL, prefix);
    const second = limitsOn(REDIS_URL, prefix);
    expect(await first.consume('intake', alice)).toEqual({ ok: true });
    expect(await second.consume('intake', alice)).toEqual({ ok: true });
    expect(await first.consume('intake', alice)).toEqual({ ok: true });
    expect((await second.consume('intake', alice)).ok).toBe(false);
    expect((await first.consume('intake', alice)).ok).toBe(false);
  });

  it('keep their counters under the store’s key prefix, with an expiry', async () => {
    const prefix = testPrefix();
    await limitsOn(REDIS_URL, prefix).consume('intake', alice);
    expect(await countKeys(prefix)).toBeGreaterThanOrEqual(1);
  });
});

describe('rate limits when Redis is down', () => {
  it('fall back to memory, still limit, and say so in exactly one warning line', async () => {
    const output = captureOutput();
    let results;
    try {
      const limits = limitsOn(CLOSED_REDIS_URL);
      results = await consumeTimes(limits, 5);
      await consumeTimes(limits, 3, bob);
      // Leave time for several reconnection attempts: none of them may add a line.
      await sleep(1200);
      await consumeTimes(limits, 2, bob);
    } finally {
      output.restore();
    }
    expect(results.map((result) => result.ok)).toEqual([true, true, true, false, false]);
    const lines = output.lines();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      event: 'anti-abuse.redis-unavailable',
      fallback: 'memory',
    });
    expect(lines[0]).not.toContain('127.0.0.1');
  });
});
