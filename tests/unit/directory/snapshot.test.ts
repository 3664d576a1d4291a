import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDatabase } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { locations, phones } from '#src/db/schema/index.ts';
import { seedDemoDirectory } from '#src/features/directory/demo/seed.server.ts';
import {
  createSnapshotCache,
  directoryVersion,
  getDirectorySnapshot,
  invalidateDirectorySnapshot,
  type SnapshotCache,
} from '#src/features/directory/snapshot.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import { insertPoint } from '../db/fixtures.ts';
import { createTestDatabase, createTestDatabaseEnv, type TestDatabase, testEngine } from '../../setup/db.ts';

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-03-17T02:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

describe(`the directory snapshot on ${testEngine}`, () => {
  let test: TestDatabase;
  let clock: ReturnType<typeof manualClock>;
  let cache: SnapshotCache;
  beforeAll(async () => {
    test = await createTestDatabase();
    await insertPoint(test.db);
    clock = manualClock();
    cache = createSnapshotCache({ handle: async () => test.handle, demo: () => false, clock, checkIntervalMs: 5_000 });
  });
  afterAll(() => test.cleanup());

  it('indexes the points by id and by province', async () => {
    const snapshot = await cache.get();
    expect(snapshot.points).toHaveLength(1);
    const [point] = snapshot.points;
    expect(point !== undefined && snapshot.byId.get(point.id)).toBe(point);
    expect(snapshot.byProvince.get('01')).toEqual([point]);
    expect(snapshot.demo).toBe(false);
    expect(snapshot.loadedAt.toISOString()).toBe('2026-03-17T02:00:00.000Z');
  });

  it('serves the same snapshot without asking the database within the interval', async () => {
    const before = await cache.get();
    await insertPoint(test.db);
    clock.advance(4_000);
    expect(await cache.get()).toBe(before);
  });

  it('reloads once the interval has passed and the data changed', async () => {
    clock.advance(2_000);
    const after = await cache.get();
    expect(after.points).toHaveLength(2);
  });

  it('keeps the same snapshot when the version has not changed', async () => {
    const before = await cache.get();
    clock.advance(10_000);
    expect(await cache.get()).toBe(before);
  });

  it('sees an edit of a child table (a phone) in the version', async () => {
    const [point] = (await cache.get()).points;
    const versionBefore = await directoryVersion(test.handle);
    await test.db.insert(phones).values({ locationId: point?.id ?? '', number: '0201 000 0042' });
    expect(await directoryVersion(test.handle)).not.toBe(versionBefore);
    clock.advance(10_000);
    const after = await cache.get();
    expect(after.byId.get(point?.id ?? '')?.phones.map((phone) => phone.number)).toEqual(['0201 000 0042']);
  });

  it('reloads at once after invalidate(), without waiting for the interval', async () => {
    const before = await cache.get();
    await test.db
      .update(locations)
      .set({ name: 'Trạm Y tế xã Đổi Tên' })
      .where(eq(locations.id, before.points[0]?.id ?? ''));
    cache.invalidate();
    const after = await cache.get();
    expect(after).not.toBe(before);
    expect(after.points.map((point) => point.name)).toContain('Trạm Y tế xã Đổi Tên');
  });

  it('shares one load between concurrent readers', async () => {
    cache.invalidate();
    const [a, b, c] = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });
});

describe(`the process-wide snapshot on ${testEngine}`, () => {
  let place: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
  beforeAll(async () => {
    place = await createTestDatabaseEnv();
    const handle = await getDatabase(place.env);
    await migrateDatabase(handle);
    await seedDemoDirectory(handle);
    vi.stubEnv('DEMO', '1');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await closeDatabase();
    await place.cleanup();
  });

  it('reads the shared database handle in demo mode, and is the same until invalidated', async () => {
    const snapshot = await getDirectorySnapshot();
    expect(snapshot.demo).toBe(true);
    expect(snapshot.byProvince.size).toBe(34);
    expect(await getDirectorySnapshot()).toBe(snapshot);
    invalidateDirectorySnapshot();
    const reloaded = await getDirectorySnapshot();
    expect(reloaded).not.toBe(snapshot);
    expect(reloaded.points.map((point) => point.id)).toEqual(snapshot.points.map((point) => point.id));
  });
});
