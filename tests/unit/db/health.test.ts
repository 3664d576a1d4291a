import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '#src/db/health.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { createEmptyTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';

describe(`checkDatabase on ${testEngine}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createEmptyTestDatabase();
  });
  afterAll(() => test.cleanup());

  it('reports migrations pending on a database never migrated', async () => {
    expect(await checkDatabase(test.handle)).toMatchObject({ ok: true, engine: testEngine, migrationsCurrent: false });
  });

  it('reports migrations current once migrated', async () => {
    await migrateDatabase(test.handle);
    expect(await checkDatabase(test.handle)).toEqual({ ok: true, engine: testEngine, migrationsCurrent: true });
  });

  it('reports not ok, without throwing, once the handle is closed', async () => {
    await test.cleanup();
    expect(await checkDatabase(test.handle)).toMatchObject({ ok: false, migrationsCurrent: false });
  });
});
