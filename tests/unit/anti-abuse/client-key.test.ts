import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createClientKeyer, type ClientKeyer } from '#src/features/anti-abuse/client-key.server.ts';
import { createAntiAbuseStore, type AntiAbuseStore } from '#src/features/anti-abuse/store.server.ts';
import { captureOutput, deleteKeys, movableClock, REDIS_URL, skipRedis, testPrefix } from './helpers.ts';

const request = (headers: Record<string, string> = {}) =>
  new Request('http://localhost/xin-tu-van', { method: 'POST', headers });

const stores: AntiAbuseStore[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  if (!skipRedis) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});

function keyer(
  options: { redis?: boolean; prefix?: string; trustProxy?: number; clock?: ReturnType<typeof movableClock> } = {},
): ClientKeyer {
  const prefix = options.prefix ?? testPrefix();
  if (options.redis) prefixes.push(prefix);
  const store = createAntiAbuseStore({
    redisUrl: options.redis ? REDIS_URL : undefined,
    keyPrefix: prefix,
    clock: options.clock ?? movableClock('2026-11-23T08:00:00Z'),
  });
  stores.push(store);
  return createClientKeyer({ store, trustProxy: options.trustProxy ?? 0 });
}

describe.each([
  { engine: 'memory', redis: false },
  { engine: 'Redis', redis: true },
])('client key ($engine)', ({ redis }) => {
  it.skipIf(redis && skipRedis)(
    'gives the same address the same key all day, and a new one after midnight UTC',
    async () => {
      const clock = movableClock('2026-11-23T00:00:01Z');
      const keys = keyer({ redis, clock });
      const morning = await keys.clientKey(request(), '203.0.113.7');
      clock.set('2026-11-23T23:59:59Z');
      expect(await keys.clientKey(request(), '203.0.113.7')).toBe(morning);
      clock.set('2026-11-24T00:00:01Z');
      const nextDay = await keys.clientKey(request(), '203.0.113.7');
      expect(nextDay).not.toBe(morning);
      expect(nextDay).toMatch(/^[0-9a-f]{32}$/);
    },
  );

  it.skipIf(redis && skipRedis)('gives different addresses different keys', async () => {
    const keys = keyer({ redis });
    expect(await keys.clientKey(request(), '203.0.113.7')).not.toBe(await keys.clientKey(request(), '203.0.113.8'));
  });

  it.skipIf(redis && skipRedis)('never contains the address, in any of its usual spellings', async () => {
    const keys = keyer({ redis });
    for (const address of ['203.0.113.7', '2001:db8:85a3::8a2e:370:7334']) {
      const key = await keys.clientKey(request(), address);
      const spellings = [
        address,
        address.replaceAll(':', ''),
        Buffer.from(address).toString('hex'),
        // Groups of 4+ characters: shorter ones (e.g. "370") turn up in any 32-hex-digit key by chance.
        ...address.split(/[.:]/).filter((part) => part.length >= 4),
      ];
      for (const spelling of spellings) expect(key).not.toContain(spelling);
      // 203.0.113.7 as four hex bytes
      expect(key).not.toContain('cb007107');
    }
  });
});

describe.skipIf(skipRedis)('client key shared through Redis', () => {
  it('is the same on two instances, which share the day’s secret', async () => {
    const prefix = testPrefix();
    const clock = movableClock('2026-11-23T08:00:00Z');
    const first = keyer({ redis: true, prefix, clock });
    const second = keyer({ redis: true, prefix, clock });
    expect(await second.clientKey(request(), '198.51.100.23')).toBe(await first.clientKey(request(), '198.51.100.23'));
  });

  it('differs between deployments with different secrets (another key prefix)', async () => {
    const clock = movableClock('2026-11-23T08:00:00Z');
    const one = await keyer({ redis: true, clock }).clientKey(request(), '198.51.100.23');
    const other = await keyer({ redis: true, clock }).clientKey(request(), '198.51.100.23');
    expect(one).not.toBe(other);
  });
});

describe('which address is hashed', () => {
  it('ignores X-Forwarded-For when no proxy is trusted (a client could write anything there)', async () => {
    const keys = keyer();
    const forged = await keys.clientKey(request({ 'x-forwarded-for': '192.0.2.1' }), '203.0.113.7');
    expect(forged).toBe(await keys.clientKey(request(), '203.0.113.7'));
  });

  it('takes the address the trusted proxy saw, not one the client put in front of it', async () => {
    const keys = keyer({ trustProxy: 1 });
    const direct = await keys.clientKey(request({ 'x-forwarded-for': '203.0.113.7' }), '10.0.0.2');
    const spoofed = await keys.clientKey(request({ 'x-forwarded-for': '192.0.2.1, 203.0.113.7' }), '10.0.0.2');
    const otherProxyHop = await keys.clientKey(request({ 'x-forwarded-for': '203.0.113.7' }), '10.0.0.3');
    expect(spoofed).toBe(direct);
    expect(otherProxyHop).toBe(direct);
    expect(direct).not.toBe(await keys.clientKey(request({ 'x-forwarded-for': '203.0.113.8' }), '10.0.0.2'));
  });

  it('counts two trusted proxies from the right', async () => {
    const keys = keyer({ trustProxy: 2 });
    const viaCdn = await keys.clientKey(
      request({ 'x-forwarded-for': '192.0.2.1, 203.0.113.7, 172.16.0.9' }),
      '10.0.0.2',
    );
    expect(viaCdn).toBe(await keys.clientKey(request({ 'x-forwarded-for': '203.0.113.7, 172.16.0.5' }), '10.0.0.4'));
  });

  it('treats one IPv6 /64 as one client, and an IPv4-mapped address as the IPv4 address', async () => {
    const keys = keyer();
    const a = await keys.clientKey(request(), '2001:db8:1:2::1');
    expect(await keys.clientKey(request(), '2001:0db8:0001:0002:ffff:0:0:9')).toBe(a);
    expect(await keys.clientKey(request(), '2001:db8:1:3::1')).not.toBe(a);
    expect(await keys.clientKey(request(), '::ffff:203.0.113.7')).toBe(await keys.clientKey(request(), '203.0.113.7'));
    expect(await keys.clientKey(request(), '203.0.113.7:51234')).toBe(await keys.clientKey(request(), '203.0.113.7'));
  });

  it('puts requests without a usable address in one shared bucket', async () => {
    const keys = keyer();
    expect(await keys.clientKey(request(), undefined)).toBe(await keys.clientKey(request(), 'not an address'));
  });

  it('reads the address from an Astro context, even one that cannot tell it', async () => {
    const keys = keyer();
    const context = { request: request(), clientAddress: '203.0.113.7' };
    expect(await keys.clientKeyOf(context)).toBe(await keys.clientKey(request(), '203.0.113.7'));
    const unknown = {
      request: request(),
      get clientAddress(): string {
        throw new Error('clientAddress is not available');
      },
    };
    expect(await keys.clientKeyOf(unknown)).toBe(await keys.clientKey(request(), undefined));
  });

  it('writes nothing to the log', async () => {
    const output = captureOutput();
    try {
      await keyer({ trustProxy: 1 }).clientKey(request({ 'x-forwarded-for': '203.0.113.7' }), '10.0.0.2');
    } finally {
      output.restore();
    }
    expect(output.lines()).toEqual([]);
  });
});
