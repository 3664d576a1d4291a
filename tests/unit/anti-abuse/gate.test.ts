import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HONEYPOT_FIELD } from '#src/features/anti-abuse/honeypot.ts';
import { createAntiAbuse, type AntiAbuse, type AntiAbuseOptions } from '#src/features/anti-abuse/services.server.ts';
import { FAST_POW, solvePow, testKeyring } from '../../setup/solve-pow.ts';
import {
  captureOutput,
  CLOSED_REDIS_URL,
  deleteKeys,
  movableClock,
  REDIS_URL,
  skipRedis,
  testPrefix,
} from './helpers.ts';

const services: AntiAbuse[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});
afterAll(async () => {
  if (!skipRedis) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});

function antiAbuse(options: Partial<AntiAbuseOptions> = {}): AntiAbuse {
  const keyPrefix = options.keyPrefix ?? testPrefix();
  if (options.redisUrl === REDIS_URL) prefixes.push(keyPrefix);
  const service = createAntiAbuse({
    keyring: testKeyring(),
    proofOfWork: FAST_POW,
    limits: { intake: [{ points: 3, durationSeconds: 600 }] },
    ...options,
    keyPrefix,
  });
  services.push(service);
  return service;
}

const request = () => new Request('http://localhost/api/intake', { method: 'POST' });

function formWith(fields: Record<string, string>): FormData {
  const form = new FormData();
  form.set('message', 'Tôi cần tư vấn cho con trai');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const altchaFor = async (service: AntiAbuse) => solvePow(await service.proofOfWork.createChallenge());

describe.each([
  { engine: 'memory', redisUrl: undefined },
  { engine: 'Redis', redisUrl: REDIS_URL },
])('the submission gate ($engine)', ({ redisUrl }) => {
  const skip = redisUrl !== undefined && skipRedis;

  it.skipIf(skip)('lets a submission with a solved proof through, once', async () => {
    const service = antiAbuse({ redisUrl });
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    const form = formWith({ altcha: await altchaFor(service) });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: true,
      proof: 'altcha',
    });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: false,
      reason: 'proof-reused',
      detail: 'reused',
    });
  });

  it.skipIf(skip)('accepts a JSON body', async () => {
    const service = antiAbuse({ redisUrl });
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    const body = { message: 'Xin tư vấn', altcha: await altchaFor(service) };
    expect(await service.gate.checkSubmission({ form: body, clientKey, limiter: 'intake' })).toEqual({
      ok: true,
      proof: 'altcha',
    });
  });

  it.skipIf(skip)('refuses a filled honeypot, even with a valid proof', async () => {
    const service = antiAbuse({ redisUrl });
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    const form = formWith({ altcha: await altchaFor(service), [HONEYPOT_FIELD]: 'https://spam.example' });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: false,
      reason: 'honeypot',
    });
  });

  it.skipIf(skip)('refuses the fourth submission within the window, with a wait', async () => {
    const service = antiAbuse({ redisUrl });
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    for (let i = 0; i < 3; i += 1) {
      const form = formWith({ altcha: await altchaFor(service) });
      expect((await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).ok).toBe(true);
    }
    const form = formWith({ altcha: await altchaFor(service) });
    const refused = await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' });
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(500);
  });
});

describe('the submission gate with the no-JavaScript token', () => {
  it('accepts the token after the minimum fill time, for the form it was issued for', async () => {
    const clock = movableClock(new Date());
    const service = antiAbuse({ clock });
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    const form = formWith({ fallback: service.fallback.issue('intake'), altcha: '' });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: false,
      reason: 'proof-invalid',
      detail: 'too-early',
    });
    clock.advance(4_000);
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'track' })).toEqual({
      ok: false,
      reason: 'proof-invalid',
      detail: 'invalid',
    });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: true,
      proof: 'fallback',
    });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: false,
      reason: 'proof-reused',
      detail: 'reused',
    });
  });

  it('falls back to the token when the Altcha proof has expired', async () => {
    const clock = movableClock(new Date());
    const keyring = testKeyring();
    const service = antiAbuse({ clock, keyring });
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    const anHourAgo = antiAbuse({ keyring, clock: movableClock(new Date(Date.now() - 3_600_000)) });
    const form = formWith({
      altcha: await solvePow(await anHourAgo.proofOfWork.createChallenge()),
      fallback: service.fallback.issue('intake'),
    });
    clock.advance(60_000);
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: true,
      proof: 'fallback',
    });
  });
});

describe('scripted submissions without a valid proof', () => {
  it('are all refused, and do not use up the sender’s allowance', async () => {
    const service = antiAbuse();
    const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
    const attempts: Array<Record<string, string>> = [
      {},
      { altcha: '' },
      { altcha: 'dGVzdA==' },
      { altcha: randomBytes(300).toString('base64') },
      {
        altcha: Buffer.from(
          JSON.stringify({
            challenge: { parameters: {}, signature: 'a'.repeat(64) },
            solution: { counter: 1, derivedKey: '00' },
          }),
        ).toString('base64'),
      },
      { fallback: 'f1.00000000.AAAAAAAAAAAAAAAAAAAAAA.1700000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { fallback: 'anything' },
    ];
    for (let round = 0; round < 5; round += 1) {
      for (const fields of attempts) {
        const result = await service.gate.checkSubmission({ form: formWith(fields), clientKey, limiter: 'intake' });
        expect(result.ok).toBe(false);
        expect(['proof-missing', 'proof-invalid']).toContain(result.ok ? 'ok' : result.reason);
      }
    }
    const form = formWith({ altcha: await altchaFor(service) });
    expect(await service.gate.checkSubmission({ form, clientKey, limiter: 'intake' })).toEqual({
      ok: true,
      proof: 'altcha',
    });
  });
});

describe('the whole gate when Redis is down', () => {
  it('keeps working in memory and logs exactly one warning line', async () => {
    const output = captureOutput();
    const results = [];
    try {
      const service = antiAbuse({ redisUrl: CLOSED_REDIS_URL });
      const clientKey = await service.keyer.clientKey(request(), '203.0.113.7');
      const altcha = await altchaFor(service);
      results.push(await service.gate.checkSubmission({ form: formWith({ altcha }), clientKey, limiter: 'intake' }));
      results.push(await service.gate.checkSubmission({ form: formWith({ altcha }), clientKey, limiter: 'intake' }));
      await sleep(1000);
      results.push(
        await service.gate.checkSubmission({
          form: formWith({ altcha: await altchaFor(service) }),
          clientKey,
          limiter: 'intake',
        }),
      );
    } finally {
      output.restore();
    }
    expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual(['ok', 'proof-reused', 'ok']);
    expect(output.lines()).toHaveLength(1);
    expect(output.lines()[0]).toContain('anti-abuse.redis-unavailable');
  });
});
