import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFallbackChallenge, type FallbackChallenge } from '#src/features/anti-abuse/fallback-challenge.server.ts';
import { createAntiAbuseStore, type AntiAbuseStore } from '#src/features/anti-abuse/store.server.ts';
import { loadKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';
import { testKeyring } from '../../setup/solve-pow.ts';
import { deleteKeys, movableClock, REDIS_URL, skipRedis, testPrefix } from './helpers.ts';

const stores: AntiAbuseStore[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  if (!skipRedis) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});

function tokens(
  options: { keyring?: Keyring; clock?: ReturnType<typeof movableClock>; redis?: boolean; prefix?: string } = {},
): FallbackChallenge {
  const prefix = options.prefix ?? testPrefix();
  if (options.redis) prefixes.push(prefix);
  const store = createAntiAbuseStore({
    redisUrl: options.redis ? REDIS_URL : undefined,
    keyPrefix: prefix,
    clock: options.clock ?? movableClock('2026-11-23T08:00:00Z'),
  });
  stores.push(store);
  return createFallbackChallenge({ keyring: options.keyring ?? testKeyring(), store });
}

describe('no-JavaScript fallback token', () => {
  it('is refused before the minimum fill time, then accepted once', async () => {
    const clock = movableClock('2026-11-23T08:00:00Z');
    const fallback = tokens({ clock });
    const token = fallback.issue('intake');
    expect(token).toMatch(/^f1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/);
    clock.advance(2_900);
    expect(await fallback.verify(token, 'intake')).toEqual({ ok: false, reason: 'too-early' });
    clock.advance(200);
    expect(await fallback.verify(token, 'intake')).toEqual({ ok: true });
    expect(await fallback.verify(token, 'intake')).toEqual({ ok: false, reason: 'reused' });
  });

  it('expires after two hours', async () => {
    const clock = movableClock('2026-11-23T08:00:00Z');
    const fallback = tokens({ clock });
    const token = fallback.issue('intake');
    clock.advance(2 * 60 * 60 * 1000 + 1000);
    expect(await fallback.verify(token, 'intake')).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused when tampered with, or issued for another form', async () => {
    const clock = movableClock('2026-11-23T08:00:00Z');
    const fallback = tokens({ clock });
    const token = fallback.issue('intake');
    clock.advance(10_000);
    const [version, kid, id, issuedAt, mac] = token.split('.') as [string, string, string, string, string];
    const flip = (text: string) => `${text.slice(0, -1)}${text.endsWith('A') ? 'B' : 'A'}`;
    const tampered = [
      [version, kid, flip(id), issuedAt, mac],
      [version, kid, id, String(Number(issuedAt) - 60_000), mac],
      [version, kid, id, issuedAt, flip(mac)],
      [version, 'ffffffff', id, issuedAt, mac],
      ['f2', kid, id, issuedAt, mac],
    ].map((parts) => parts.join('.'));
    for (const bad of [...tampered, `${token}x`, '', 'junk', 42]) {
      expect((await fallback.verify(bad, 'intake')).ok).toBe(false);
    }
    expect(await fallback.verify(token, 'track')).toEqual({ ok: false, reason: 'invalid' });
    expect(await fallback.verify(token, 'intake')).toEqual({ ok: true });
  });

  it('from another server is refused', async () => {
    const clock = movableClock('2026-11-23T08:00:00Z');
    const token = tokens({ clock }).issue('intake');
    clock.advance(10_000);
    expect(await tokens({ clock }).verify(token, 'intake')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('issued before a key rotation is still accepted', async () => {
    const clock = movableClock('2026-11-23T08:00:00Z');
    const before = testKeyring();
    const token = tokens({ clock, keyring: before }).issue('intake');
    const rotated = loadKeyring({
      keyFile: '/nonexistent',
      intakeEncryptionKey: [Buffer.alloc(32, 9).toString('base64'), before.current.key.toString('base64')].join(','),
    });
    clock.advance(10_000);
    expect(await tokens({ clock, keyring: rotated }).verify(token, 'intake')).toEqual({ ok: true });
  });

  it.skipIf(skipRedis)('used on one instance is refused on another (Redis)', async () => {
    const clock = movableClock(new Date());
    const keyring = testKeyring();
    const prefix = testPrefix();
    const first = tokens({ clock, keyring, redis: true, prefix });
    const second = tokens({ clock, keyring, redis: true, prefix });
    const token = first.issue('intake');
    clock.advance(5_000);
    expect(await first.verify(token, 'intake')).toEqual({ ok: true });
    expect(await second.verify(token, 'intake')).toEqual({ ok: false, reason: 'reused' });
  });
});
