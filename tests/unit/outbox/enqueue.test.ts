import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '#src/features/crypto/field-encryption.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { OutboxMessageError } from '#src/features/outbox/message.ts';
import { drainOnce } from '#src/features/outbox/worker.server.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';
import { allRows, fastSettings, memoryTransport, newCaseMessage, rowById, testKeyring } from './helpers.ts';

describe(`enqueue on ${testEngine}`, () => {
  let test: TestDatabase;
  const keyring = testKeyring();
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.cleanup());

  it('keeps the recipient address and the parameters out of the stored bytes', async () => {
    const message = newCaseMessage({
      to: 'nguoi-nhan-MARKER1@example.invalid',
      params: { pointName: 'Điểm MARKER2', consoleUrl: '/quan-ly/MARKER3' },
    });
    const { id } = await test.db.transaction((tx) => enqueue(tx, message, keyring));
    const row = await rowById(test.db, id);
    const stored = Buffer.concat([
      Buffer.from(row.payload),
      Buffer.from(JSON.stringify({ ...row, payload: undefined })),
    ]);
    for (const secret of ['MARKER1', 'nguoi-nhan', 'MARKER2', 'MARKER3', 'Điểm']) {
      expect(stored.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });

  it('keeps the kind and recipient kind readable', async () => {
    const { id } = await test.db.transaction((tx) => enqueue(tx, newCaseMessage(), keyring));
    const row = await rowById(test.db, id);
    expect([row.kind, row.recipientKind, row.status, row.attempts]).toEqual(['new-case', 'point-staff', 'pending', 0]);
  });

  it('seals the payload to its row: it opens only with the context outbox:<id>:payload', async () => {
    const { id } = await test.db.transaction((tx) => enqueue(tx, newCaseMessage({ to: 'a@example.invalid' }), keyring));
    const row = await rowById(test.db, id);
    expect(JSON.parse(open(keyring, row.payload, `outbox:${id}:payload`))).toMatchObject({
      to: 'a@example.invalid',
      lang: 'vi',
    });
    expect(() => open(keyring, row.payload, 'outbox:another-row:payload')).toThrow();
  });

  it('refuses a message with a parameter its template does not name, writing nothing', async () => {
    const before = (await allRows(test.db)).length;
    const message = newCaseMessage({ params: { pointName: 'Trạm Y tế', consoleUrl: '/quan-ly', message: 'nội dung' } });
    await expect(test.db.transaction((tx) => enqueue(tx, message, keyring))).rejects.toThrow(OutboxMessageError);
    expect(await allRows(test.db)).toHaveLength(before);
  });

  it('sends nothing for an enqueue in a transaction that rolls back', async () => {
    const before = (await allRows(test.db)).length;
    const message = newCaseMessage({ to: 'rolled-back@example.invalid' });
    await expect(
      test.db.transaction(async (tx) => {
        await enqueue(tx, message, keyring);
        throw new Error('the intake failed after queueing');
      }),
    ).rejects.toThrow('the intake failed');
    const transport = memoryTransport();
    await drainOnce({ handle: test.handle, transport, keyring, settings: fastSettings });
    expect((await allRows(test.db)).length).toBe(before);
    expect(transport.sent.map((mail) => mail.to)).not.toContain('rolled-back@example.invalid');
  });
});
