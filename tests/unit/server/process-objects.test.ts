/**
 * The built server, as `npm start` runs it, makes each process-wide object once: the database client, the key ring,
 * the anti-abuse store, the directory snapshot and the metrics registry, however many routes (the API, the form, the
 * locator, the challenge) and the start-up code (migrations, directory, mail worker, metrics port) use them. Each
 * creation is logged at LOG_LEVEL=debug (event `process.object_created`, src/lib/singleton.server.ts), so an operator
 * can read the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseEnv } from '#src/db/client.server.ts';
import { startPortal } from '../../setup/portal-process.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';
import { fetchProof } from '../../setup/solve-pow.ts';
import {
  freePort,
  hasBuild,
  newKey,
  NO_BUILD_MESSAGE,
  nextTestAddress,
  prepareDemoDatabase,
  sendIntake,
  serverEnv,
} from '../intake/portal-helpers.ts';

const OBJECTS = ['database', 'keyring', 'anti-abuse store', 'directory snapshot', 'metrics'];

describe.skipIf(!hasBuild)(`process-wide objects of the built server (${testEngine})`, () => {
  let place: { env: DatabaseEnv; cleanup(): Promise<void> };

  beforeAll(async () => {
    place = await createTestDatabaseEnv();
    await prepareDemoDatabase(place.env);
  }, 120_000);
  afterAll(() => place?.cleanup());

  it('are each created once, whatever uses them', { timeout: 300_000 }, async () => {
    const portal = await startPortal({
      port: await freePort(),
      dataDir: place.env.dataDir,
      env: serverEnv(place.env.databaseUrl, {
        INTAKE_ENCRYPTION_KEY: newKey(),
        OUTBOX_IN_PROCESS: '1',
        LOG_LEVEL: 'debug',
      }),
      timeoutMs: 300_000,
    });
    try {
      const api = await sendIntake(portal.url, {
        who: 'self',
        communeCode: '00004',
        helpWanted: 'counselling',
        ageBand: '25-39',
      });
      expect(api.status).toBe(201);
      const client = { 'x-forwarded-for': nextTestAddress() };
      const form = new URLSearchParams({
        who: 'family',
        q: 'Phường Ba Đình, Hà Nội',
        helpWanted: 'counselling',
        ageBand: '18-24',
        action: 'send',
        altcha: await fetchProof(portal.url, { headers: client }),
      });
      const sent = await fetch(`${portal.url}/xin-tu-van`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.url, ...client },
        body: form.toString(),
      });
      expect(await sent.text()).toContain('data-receipt-code');
      expect((await fetch(`${portal.url}/tim-ho-tro/tinh/01`)).status).toBe(200);
    } finally {
      await portal.stop();
    }
    const created = portal
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; name?: string })
      .filter((entry) => entry.event === 'process.object_created')
      .map((entry) => entry.name);
    expect(Object.fromEntries(OBJECTS.map((name) => [name, created.filter((made) => made === name).length]))).toEqual(
      Object.fromEntries(OBJECTS.map((name) => [name, 1])),
    );
  });
});

// Said plainly in the report when the build is missing (the runner builds first, so this is for local runs).
if (!hasBuild) {
  describe('process-wide objects', () => {
    it.skip(NO_BUILD_MESSAGE, () => undefined);
  });
}
