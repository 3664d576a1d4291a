import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createProofOfWork, POW_ALGORITHM, type ProofOfWork } from '#src/features/anti-abuse/proof-of-work.server.ts';
import { createAntiAbuseStore, type AntiAbuseStore } from '#src/features/anti-abuse/store.server.ts';
import { encodePayload, solve } from '#src/features/anti-abuse/ui/pow-solver.ts';
import { loadKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import { FAST_POW, solvePow, testKeyring } from '../../setup/solve-pow.ts';
import { deleteKeys, REDIS_URL, skipRedis, testPrefix } from './helpers.ts';

const stores: AntiAbuseStore[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  if (!skipRedis) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});

// A clock that runs with real time, shifted: altcha-lib also checks expiry against the real clock.
const shifted = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) });

function service(options: { keyring?: Keyring; redis?: boolean; prefix?: string; clock?: Clock } = {}): ProofOfWork {
  const prefix = options.prefix ?? testPrefix();
  if (options.redis) prefixes.push(prefix);
  const store = createAntiAbuseStore({ redisUrl: options.redis ? REDIS_URL : undefined, keyPrefix: prefix });
  stores.push(store);
  return createProofOfWork({
    keyring: options.keyring ?? testKeyring(),
    store,
    ...FAST_POW,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

type Decoded = {
  challenge: { parameters: Record<string, unknown>; signature: string };
  solution: { counter: number; derivedKey: string };
};
const decode = (payload: string): Decoded => JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Decoded;
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

describe('proof of work', () => {
  it('issues signed, expiring PBKDF2 challenges with a key id', async () => {
    const challenge = await service().createChallenge();
    expect(challenge.parameters.algorithm).toBe(POW_ALGORITHM);
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.data?.kid).toMatch(/^[0-9a-f]{8}$/);
    const expiresIn = (challenge.parameters.expiresAt ?? 0) - Date.now() / 1000;
    expect(expiresIn).toBeGreaterThan(590);
    expect(expiresIn).toBeLessThanOrEqual(600);
  });

  it('accepts a solved challenge once, and refuses it the second time', async () => {
    const pow = service();
    const payload = await solvePow(await pow.createChallenge());
    expect(await pow.verifyPayload(payload)).toEqual({ ok: true });
    expect(await pow.verifyPayload(payload)).toEqual({ ok: false, reason: 'reused' });
  });

  it('accepts the decoded object too (a JSON body)', async () => {
    const pow = service();
    expect(await pow.verifyPayload(decode(await solvePow(await pow.createChallenge())))).toEqual({ ok: true });
  });

  it('refuses an expired challenge', async () => {
    const keyring = testKeyring();
    const issuedLongAgo = await service({ keyring, clock: shifted(-11 * 60_000) }).createChallenge();
    expect(await service({ keyring }).verifyPayload(await solvePow(issuedLongAgo))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const fresh = await service({ keyring }).createChallenge();
    expect(await service({ keyring, clock: shifted(11 * 60_000) }).verifyPayload(await solvePow(fresh))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses tampered challenges and solutions', async () => {
    const pow = service();
    const original = decode(await solvePow(await pow.createChallenge()));
    const tamper = (change: (copy: Decoded) => void) => {
      const copy = structuredClone(original);
      change(copy);
      return encode(copy);
    };
    const tampered = [
      tamper((copy) => (copy.challenge.parameters.cost = 2)),
      tamper((copy) => (copy.challenge.parameters.expiresAt = Number(copy.challenge.parameters.expiresAt) + 3600)),
      tamper((copy) => (copy.challenge.parameters.keyPrefix = '00')),
      tamper((copy) => (copy.challenge.parameters.extra = 1)),
      tamper(
        (copy) =>
          (copy.challenge.signature = `${copy.challenge.signature.slice(0, 63)}${copy.challenge.signature.endsWith('0') ? '1' : '0'}`),
      ),
      tamper((copy) => (copy.solution.derivedKey = '00'.repeat(32))),
      tamper((copy) => (copy.solution.counter = -1)),
      tamper((copy) => (copy.challenge.parameters.algorithm = 'SHA-256')),
      tamper((copy) => delete copy.challenge.parameters.keySignature),
    ];
    for (const payload of tampered) expect(await pow.verifyPayload(payload)).toEqual({ ok: false, reason: 'invalid' });
    // None of those used the challenge up.
    expect(await pow.verifyPayload(encode(original))).toEqual({ ok: true });
  });

  it('refuses a challenge signed by another server', async () => {
    const payload = await solvePow(await service().createChallenge());
    expect(await service().verifyPayload(payload)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses junk, and calls an empty value missing', async () => {
    const pow = service();
    for (const junk of [
      'x',
      '!!!',
      encode({}),
      encode({ challenge: 1, solution: 2 }),
      'A'.repeat(10_000),
      42,
      {},
      [],
    ]) {
      expect(await pow.verifyPayload(junk)).toEqual({ ok: false, reason: 'invalid' });
    }
    for (const nothing of [undefined, null, ''])
      expect(await pow.verifyPayload(nothing)).toEqual({ ok: false, reason: 'missing' });
  });

  it('still accepts challenges issued before a key rotation', async () => {
    const before = testKeyring();
    const challenge = await service({ keyring: before }).createChallenge();
    const rotated = loadKeyring({
      keyFile: '/nonexistent',
      intakeEncryptionKey: [Buffer.alloc(32, 7).toString('base64'), before.current.key.toString('base64')].join(','),
    });
    expect(await service({ keyring: rotated }).verifyPayload(await solvePow(challenge))).toEqual({ ok: true });
  });

  it('is solved by the browser solver (main-thread path) into a payload the server accepts', async () => {
    const pow = service();
    const challenge = await pow.createChallenge();
    const solution = await solve(challenge);
    expect(solution).not.toBeNull();
    if (solution === null) return;
    expect(solution.counter).toBeLessThanOrEqual(FAST_POW.complexity);
    expect(await pow.verifyPayload(encodePayload(challenge, solution))).toEqual({ ok: true });
  });
});

describe.skipIf(skipRedis)('proof of work shared through Redis', () => {
  it('refuses on a second instance a proof used on the first', async () => {
    const keyring = testKeyring();
    const prefix = testPrefix();
    const first = service({ keyring, redis: true, prefix });
    const second = service({ keyring, redis: true, prefix });
    const payload = await solvePow(await first.createChallenge());
    expect(await first.verifyPayload(payload)).toEqual({ ok: true });
    expect(await second.verifyPayload(payload)).toEqual({ ok: false, reason: 'reused' });
  });
});
