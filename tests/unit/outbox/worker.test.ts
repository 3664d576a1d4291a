import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '#src/db/schema/index.ts';
import { claimBatch, markSent } from '#src/features/outbox/claims.server.ts';
import { retryDeadLetter } from '#src/features/outbox/dead-letters.server.ts';
import { deliver } from '#src/features/outbox/deliver.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import type { OutboxMessage } from '#src/features/outbox/message.ts';
import { createResendTransport } from '#src/features/outbox/resend-transport.server.ts';
import { drainOnce, runWorker, type WorkerOptions } from '#src/features/outbox/worker.server.ts';
import { setLogLevel } from '#src/lib/log.ts';
import { type FakeResend, startFakeResend } from '../../fixtures/fake-resend.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';
import {
  allRows,
  drainUntilSettled,
  fastSettings,
  memoryTransport,
  newCaseMessage,
  offsetClock,
  rowById,
  SITE,
  testKeyring,
} from './helpers.ts';

describe(`the outbox worker on ${testEngine}`, () => {
  let test: TestDatabase;
  let resend: FakeResend;
  const keyring = testKeyring();
  beforeAll(async () => {
    test = await createTestDatabase();
    resend = await startFakeResend();
  });
  beforeEach(async () => {
    resend.reset();
    await test.db.delete(outbox);
  });
  afterAll(async () => {
    await resend.close();
    await test.cleanup();
  });

  const transport = () => createResendTransport({ apiKey: resend.apiKey, baseUrl: resend.url, timeoutMs: 1_000 });
  const options = (extra: Partial<WorkerOptions> = {}): WorkerOptions => ({
    handle: test.handle,
    transport: transport(),
    keyring,
    settings: fastSettings,
    ...extra,
  });
  const queue = async (count: number, message: () => OutboxMessage = () => newCaseMessage()) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await test.db.transaction((tx) => enqueue(tx, message(), keyring))).id);
    return ids;
  };
  const deliveredKeys = () => resend.deliveries.map((delivery) => delivery.idempotencyKey).sort();

  it('delivers every notice exactly once after the provider recovers from 500s, 429s and timeouts', async () => {
    const ids = await queue(6);
    resend.failNext(500, 3);
    resend.failNext(429, 2);
    resend.failNext('timeout', 1);
    await drainUntilSettled(options());
    expect(deliveredKeys()).toEqual([...ids].sort());
    expect((await allRows(test.db)).map((row) => row.status)).toEqual(Array(6).fill('sent'));
  });

  it('delivers every notice once when the provider fails for a while', async () => {
    const ids = await queue(4);
    resend.failFor(503, 100);
    // Seven waits of at least 25 ms outlast the 100 ms outage before the eighth and last attempt.
    await drainUntilSettled(options({ settings: { ...fastSettings, retryBaseMs: 25, retryMaxMs: 100 } }));
    expect(deliveredKeys()).toEqual([...ids].sort());
  });

  it('records the attempts it took', async () => {
    const [id = ''] = await queue(1);
    resend.failNext(500, 2);
    await drainUntilSettled(options());
    expect(await rowById(test.db, id)).toMatchObject({
      status: 'sent',
      attempts: 3,
      lastError: null,
      claimedUntil: null,
    });
  });

  it('does not deliver twice when a response is lost and the row is sent again', async () => {
    const [id = ''] = await queue(1);
    resend.failNext('lost-response');
    await drainUntilSettled(options());
    expect([resend.deliveries.length, resend.requestKeys]).toEqual([1, [id, id]]);
  });

  it('keeps a row as a dead letter after the last attempt', async () => {
    const [id = ''] = await queue(1);
    resend.failFor(500, 60_000);
    await drainUntilSettled(options({ settings: { ...fastSettings, maxAttempts: 3 } }));
    expect(await rowById(test.db, id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'http_500:internal_server_error',
    });
    expect(resend.requestKeys).toHaveLength(3);
  });

  it('makes a dead letter at once of a message the provider refuses as invalid', async () => {
    const [id = ''] = await queue(1, () => newCaseMessage({ to: 'someone@invalid-on-purpose.test' }));
    await drainUntilSettled(options());
    expect(await rowById(test.db, id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'http_422:validation_error',
    });
  });

  it('sends a dead letter once it is put back with retryDeadLetter', async () => {
    const [id = ''] = await queue(1);
    resend.failFor(500, 60_000);
    await drainUntilSettled(options({ settings: { ...fastSettings, maxAttempts: 1 } }));
    resend.reset();
    expect(await retryDeadLetter(test.db, id)).toBe(true);
    await drainUntilSettled(options());
    expect([(await rowById(test.db, id)).status, deliveredKeys()]).toEqual(['sent', [id]]);
  });

  it('refuses to retry a row that is not a dead letter', async () => {
    const [id = ''] = await queue(1);
    expect(await retryDeadLetter(test.db, id)).toBe(false);
  });

  it('sends again a row whose worker claimed it and died, and it is delivered once', async () => {
    const [id = ''] = await queue(1);
    // The dying worker claims the row with a one-minute lease and sends it, then dies before marking it.
    const [claimed] = await claimBatch(test.db, { limit: 10, leaseMs: 60_000, now: new Date() });
    if (!claimed) throw new Error('nothing claimed');
    await deliver(claimed, {
      keyring,
      transport: transport(),
      from: fastSettings.from ?? '',
      siteUrl: SITE,
      now: new Date(),
    });
    // Another worker, a minute and a second later, finds the lease expired.
    const result = await drainOnce(options({ clock: offsetClock(61_000) }));
    expect([result.sent, resend.deliveries.length, resend.requestKeys]).toEqual([1, 1, [id, id]]);
  });

  it('lets a worker whose lease expired mark nothing', async () => {
    await queue(1);
    const [stale] = await claimBatch(test.db, { limit: 10, leaseMs: 60_000, now: new Date() });
    if (!stale) throw new Error('nothing claimed');
    await drainOnce(options({ clock: offsetClock(61_000) }));
    expect(await markSent(test.db, stale, new Date())).toBe(false);
  });

  it('does not take rows another worker holds under a live lease', async () => {
    await queue(2);
    await claimBatch(test.db, { limit: 10, leaseMs: 60_000, now: new Date() });
    expect((await drainOnce(options())).claimed).toBe(0);
  });

  it('waits for the retry time before sending again', async () => {
    await queue(1);
    resend.failNext(500);
    const result = await drainOnce(
      options({ settings: { ...fastSettings, retryBaseMs: 60_000, retryMaxMs: 120_000 } }),
    );
    expect([result.retried, result.sent, resend.requestKeys.length]).toEqual([1, 0, 1]);
  });

  it('on stop, finishes the send in progress and releases the other claimed rows', async () => {
    await queue(3);
    const controller = new AbortController();
    let started!: () => void;
    const sendStarted = new Promise<void>((resolve) => (started = resolve));
    const memory = memoryTransport({
      gate: async () => {
        started();
        await sleep(50);
      },
    });
    const running = runWorker({
      ...options(),
      transport: memory,
      settings: { ...fastSettings, batchSize: 3 },
      signal: controller.signal,
    });
    await sendStarted;
    controller.abort();
    await running;
    const rows = await allRows(test.db);
    expect(memory.sent).toHaveLength(1);
    expect(rows.map((row) => [row.status, row.claimedUntil, row.leaseToken]).sort()).toEqual([
      ['pending', null, null],
      ['pending', null, null],
      ['sent', null, null],
    ]);
  });

  describe('logging', () => {
    let written = '';
    beforeEach(() => {
      written = '';
      setLogLevel('debug');
      for (const stream of [process.stdout, process.stderr]) {
        vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
          written += String(chunk);
          return true;
        });
      }
    });
    afterEach(() => {
      vi.restoreAllMocks();
      setLogLevel('info');
    });

    it('writes row ids and outcomes, never an address, a subject or a body', async () => {
      const [id = ''] = await queue(2, () =>
        newCaseMessage({
          to: 'log-probe-ADDRESS@example.invalid',
          params: { pointName: 'Điểm LOGPROBE', consoleUrl: '/quan-ly/LINKPROBE' },
        }),
      );
      await queue(1, () => newCaseMessage({ to: 'log-probe-ADDRESS@invalid-on-purpose.test' }));
      resend.failNext(500);
      await drainUntilSettled(options());
      const events = written
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events).toContainEqual(expect.objectContaining({ event: 'outbox.sent', id }));
      expect(events.map((line) => line['event'])).toContain('outbox.dead');
      expect(written).not.toMatch(/ADDRESS|LOGPROBE|LINKPROBE|yêu cầu|Trạm/);
    });
  });
});
