import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import { openPostgres } from '#src/db/postgres.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { createResendTransport } from '#src/features/outbox/resend-transport.server.ts';
import { drainOnce } from '#src/features/outbox/worker.server.ts';
import { type FakeResend, startFakeResend } from '../../fixtures/fake-resend.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';
import { allRows, fastSettings, newCaseMessage, testKeyring } from './helpers.ts';

// On PostgreSQL the two workers have pools of their own, as two processes would; on PGlite (one connection, one
// process) they share the handle, as two loops in the server would.
describe(`two workers draining at once on ${testEngine}`, () => {
  let test: TestDatabase;
  let second: DatabaseHandle;
  let resend: FakeResend;
  const keyring = testKeyring();
  const ids: string[] = [];
  let results: Awaited<ReturnType<typeof drainOnce>>[] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    second = test.url === undefined ? test.handle : await openPostgres(test.url);
    resend = await startFakeResend();
    for (let i = 0; i < 40; i++)
      ids.push((await test.db.transaction((tx) => enqueue(tx, newCaseMessage(), keyring))).id);
    resend.setLatency(3);
    const worker = (handle: DatabaseHandle) =>
      drainOnce({
        handle,
        transport: createResendTransport({ apiKey: resend.apiKey, baseUrl: resend.url, timeoutMs: 5_000 }),
        keyring,
        settings: { ...fastSettings, batchSize: 3, leaseMs: 10_000 },
      });
    results = await Promise.all([worker(test.handle), worker(second)]);
  });
  afterAll(async () => {
    await resend.close();
    if (second !== test.handle) await second.close();
    await test.cleanup();
  });

  it('deliver every row', () => {
    expect(resend.deliveries.map((delivery) => delivery.idempotencyKey).sort()).toEqual([...ids].sort());
  });

  it('send no row twice (not even one the provider would have deduplicated)', () => {
    expect(resend.requestKeys).toHaveLength(40);
  });

  it('mark every row sent once between them', async () => {
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(40);
    expect((await allRows(test.db)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it.runIf(testEngine === 'postgres')('share the work', () => {
    expect(results.map((result) => result.sent > 0)).toEqual([true, true]);
  });
});
