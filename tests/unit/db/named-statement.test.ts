/**
 * `runNamedStatement`, the write path of the intake, on the test engine: statements sent together are each committed
 * before their promise resolves, one bad statement fails alone with its own error while the others are kept, no
 * transaction is left open, and a statement never joins another caller's open transaction (whose rollback would
 * otherwise take an acknowledged row with it).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNamedStatement, type NamedStatement } from '#src/db/named-statement.server.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../setup/db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(
    sql.raw(`create table statement_probe (
      id integer primary key,
      label text not null check (label <> 'bad'),
      body bytea
    )`),
  );
});
afterAll(() => t.cleanup());

const INSERT: NamedStatement = {
  name: 'test-statement-probe-insert',
  text: 'insert into statement_probe (id, label, body) values ($1, $2, $3)',
};

async function rows<T>(query: string): Promise<T[]> {
  return ((await t.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
}

async function ids(): Promise<number[]> {
  return (await rows<{ id: number }>('select id from statement_probe order by id')).map((row) => Number(row.id));
}

async function clear(): Promise<void> {
  await t.db.execute(sql.raw('delete from statement_probe'));
}

describe(`runNamedStatement (${testEngine})`, () => {
  it('writes every statement of a burst, values and bytes intact, each committed when its promise resolves', async () => {
    await clear();
    const body = Buffer.from([0, 1, 2, 254, 255]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => runNamedStatement(t.handle, INSERT, [i + 1, `label ${i + 1}`, body])),
    );
    expect(await ids()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const [row] = await rows<{ label: string; body: Uint8Array }>(
      'select label, body from statement_probe where id = 7',
    );
    expect(row?.label).toBe('label 7');
    expect(Buffer.from(row!.body)).toEqual(body);
  });

  it('fails only the bad statements of a burst, each with its own error, and keeps the others', async () => {
    await clear();
    await runNamedStatement(t.handle, INSERT, [100, 'already here', null]);
    const outcomes = await Promise.allSettled([
      runNamedStatement(t.handle, INSERT, [1, 'fine', null]),
      runNamedStatement(t.handle, INSERT, [2, 'bad', null]), // check constraint
      runNamedStatement(t.handle, INSERT, [3, 'fine', null]),
      runNamedStatement(t.handle, INSERT, [100, 'duplicate', null]), // primary key
      runNamedStatement(t.handle, INSERT, [4, 'fine', null]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const errorOf = (i: number) =>
      (outcomes[i] as PromiseRejectedResult).reason as { code?: string; constraint?: string };
    expect(errorOf(1)).toMatchObject({ code: '23514', constraint: 'statement_probe_label_check' });
    expect(errorOf(3)).toMatchObject({ code: '23505', constraint: 'statement_probe_pkey' });
    expect(await ids()).toEqual([1, 3, 4, 100]);
    // No transaction was left open or failed: an ordinary write and read work at once.
    await t.db.execute(sql.raw(`insert into statement_probe (id, label) values (5, 'after')`));
    expect(await ids()).toEqual([1, 3, 4, 5, 100]);
  });

  it('never runs inside another caller’s open transaction', async () => {
    await clear();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const rolledBack = t.db
      .transaction(async (tx) => {
        await tx.execute(sql.raw(`insert into statement_probe (id, label) values (1, 'rolled back')`));
        entered();
        await held;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await inside;
    const write = runNamedStatement(t.handle, INSERT, [2, 'acknowledged', null]);
    // Give the write every chance to slip into the open transaction before it ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await rolledBack).toBe('rolled back');
    await write;
    expect(await ids()).toEqual([2]);
  });
});
