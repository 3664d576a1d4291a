import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, type DatabaseEnv, getDatabase } from '#src/db/client.server.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';

describe(`the shared database handle on ${testEngine}`, () => {
  let place: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
  let env: DatabaseEnv;
  beforeAll(async () => {
    place = await createTestDatabaseEnv();
    env = place.env;
  });
  afterAll(async () => {
    await closeDatabase();
    await place.cleanup();
  });

  it('is one handle for concurrent first calls', async () => {
    const [a, b] = await Promise.all([getDatabase(env), getDatabase(env)]);
    expect(a).toBe(b);
  });

  it('is shared with a second copy of the client module, as in the built server', async () => {
    const first = await getDatabase(env);
    vi.resetModules(); // the next import evaluates client.server.ts afresh, like Vite's bundled copy
    const copy = await import('#src/db/client.server.ts');
    expect(await copy.getDatabase(env)).toBe(first);
  });

  it('is opened anew after closeDatabase()', async () => {
    const first = await getDatabase(env);
    await closeDatabase();
    const second = await getDatabase(env);
    expect([second === first, first.closed, second.closed]).toEqual([false, true, false]);
  });

  it('is opened anew after the handle itself was closed', async () => {
    const first = await getDatabase(env);
    await first.close();
    expect(await getDatabase(env)).not.toBe(first);
  });
});
