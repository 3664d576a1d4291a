import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, outbox } from '#src/db/schema/index.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';

describe(`transactions on ${testEngine}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.cleanup());

  it('leave nothing written when the transaction throws', async () => {
    const name = `Rolled back ${crypto.randomUUID()}`;
    await expect(
      test.db.transaction(async (tx) => {
        await tx.insert(organizations).values({ name, operatorKind: 'other' });
        await tx.insert(outbox).values({ kind: 'notice', recipientKind: 'point_staff', payload: new Uint8Array([1]) });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await test.db.select().from(organizations).where(eq(organizations.name, name))).toEqual([]);
  });

  it('keep everything written when the transaction succeeds', async () => {
    const name = `Committed ${crypto.randomUUID()}`;
    await test.db.transaction(async (tx) => {
      await tx.insert(organizations).values({ name, operatorKind: 'other' });
    });
    expect(await test.db.select().from(organizations).where(eq(organizations.name, name))).toHaveLength(1);
  });

  it('store and read back an outbox payload byte for byte', async () => {
    const payload = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const [row] = await test.db
      .insert(outbox)
      .values({ kind: 'notice', recipientKind: 'point_staff', payload })
      .returning({ id: outbox.id });
    const [read] = await test.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.id, row?.id ?? ''));
    expect([...(read?.payload ?? [])]).toEqual([...payload]);
  });
});
