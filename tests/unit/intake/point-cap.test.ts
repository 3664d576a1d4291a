/**
 * The per-point cap on new cases per hour (issue 19, item 9), through the real intake handler, gate and database: a
 * request past its address's limit by a harder proof of work is written, until the point it goes to is over its cap;
 * then it is refused, while requests within their address's limit still reach the point; going over the cap tells
 * the operator (one log line, and the refusal metric). Small limits here (1 request per address, 3 cases per point)
 * stand for the portal's 5 per 10 minutes and 30 an hour. On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import { challengeLevel } from '#src/features/anti-abuse/gate.server.ts';
import { createAntiAbuse, type AntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import type { IntakeServices } from '#src/features/intake/services.server.ts';
import { portalMetrics } from '#src/features/observability/metrics.server.ts';
import { FAST_POW, solvePow } from '../../setup/solve-pow.ts';
import { testEngine } from '../../setup/db.ts';
import { captureOutput } from '../anti-abuse/helpers.ts';
import { createIntakeHarness, validRequest, type IntakeHarness } from './helpers.ts';

const capRefusals = async (): Promise<number> =>
  (await portalMetrics().rateLimitRefusals.get()).values.find((value) => value.labels['limiter'] === 'pointCases')
    ?.value ?? 0;

describe(`the per-point cap on new cases per hour (${testEngine})`, () => {
  let harness: IntakeHarness;
  let antiAbuse: AntiAbuse;
  let services: IntakeServices;
  beforeAll(async () => {
    harness = await createIntakeHarness();
    antiAbuse = createAntiAbuse({
      keyring: harness.keyring,
      keyPrefix: `test:${randomBytes(4).toString('hex')}:`,
      clock: harness.clock,
      proofOfWork: FAST_POW,
      limits: { intake: [{ points: 1, durationSeconds: 600 }], pointCases: [{ points: 3, durationSeconds: 3600 }] },
    });
    services = { ...harness.services, antiAbuse: async () => antiAbuse };
  });
  afterAll(async () => {
    await antiAbuse?.close();
    await harness?.cleanup();
  });

  const send = async (client: ClientKey, proof: Record<string, string>) =>
    handleIntake({ ...validRequest(), ...proof }, { lang: 'vi', clientKey: client, gate: true, services });
  const usual = async () => ({ altcha: await solvePow(await antiAbuse.proofOfWork.createChallenge()) });
  const harder = async (client: ClientKey) => ({
    altcha: await solvePow(
      await antiAbuse.proofOfWork.createChallenge(await challengeLevel(antiAbuse.limits, 'intake', client)),
    ),
  });
  const client = (n: number) => String(n).repeat(32).slice(0, 32) as ClientKey;

  it('lets harder proofs through until the point is over its cap, keeps the no-JS limit, and tells the operator', async () => {
    const shared = client(1);
    expect((await send(shared, await usual())).kind).toBe('accepted');
    // The address has used its limit: the usual proof is refused, a harder one goes through (case 2 of the point).
    expect(await send(shared, await usual())).toMatchObject({ kind: 'refused', reason: 'rate-limited' });
    const through = await send(shared, await harder(shared));
    expect(through.kind).toBe('accepted');
    const point = through.kind === 'accepted' ? through.routing.point.id : '';

    // The no-JavaScript token keeps the address's limit.
    const token = antiAbuse.fallback.issue('intake');
    harness.clock.set(new Date(harness.clock.now().getTime() + 10_000));
    expect(await send(shared, { fallback: token })).toMatchObject({ kind: 'refused', reason: 'rate-limited' });

    // Other addresses within their limit fill the point to its cap and past it: never refused for the cap.
    const before = await capRefusals();
    const output = captureOutput();
    let third;
    let fourth;
    try {
      third = await send(client(2), await usual());
      fourth = await send(client(3), await usual());
    } finally {
      output.restore();
    }
    expect(third.kind).toBe('accepted');
    expect(fourth.kind).toBe('accepted');
    const told = output
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['event'] === 'intake.point-cap-exceeded');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 'warn', point });
    expect(await capRefusals()).toBe(before + 1);

    // Past its address's limit, even with a harder proof: refused for this point now.
    const refused = await send(shared, await harder(shared));
    expect(refused).toMatchObject({ kind: 'refused', reason: 'rate-limited' });
    expect(refused.kind === 'refused' && refused.retryAfterSeconds).toBeGreaterThan(0);
  });
});
