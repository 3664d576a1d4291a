import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locations, organizations, services } from '#src/db/schema/index.ts';
import { prepareDirectory } from '#src/features/directory/boot.server.ts';
import { demoDirectoryPoints, generateDemoDirectory } from '#src/features/directory/demo/generate.ts';
import { seedDemoDirectory } from '#src/features/directory/demo/seed.server.ts';
import { loadDirectory } from '#src/features/directory/load.server.ts';
import { listProvinces } from '#src/features/admin-units/index.ts';
import { serviceTypes } from '#src/features/lists/index.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';

const NOW = new Date('2026-11-01T09:00:00+07:00');

describe(`the demo directory in the database, on ${testEngine}`, () => {
  let test: TestDatabase;
  let first: { inserted: number };
  beforeAll(async () => {
    test = await createTestDatabase();
    first = await seedDemoDirectory(test.handle);
  });
  afterAll(() => test.cleanup());

  it('writes every generated point', () => {
    expect(first.inserted).toBe(generateDemoDirectory().locations.length);
  });

  it('gives a demo directory seeded before its English texts those texts at the next start', async () => {
    await test.db.update(locations).set({ descriptionEn: null }).where(eq(locations.isDemo, true));
    await test.db.update(services).set({ descriptionEn: null }).where(eq(services.isDemo, true));
    expect(await seedDemoDirectory(test.handle)).toEqual({ inserted: 0 });
    const [missing] = await test.db
      .select({ n: count() })
      .from(locations)
      .where(sql`${locations.isDemo} and ${locations.descriptionEn} is null`);
    expect(missing?.n).toBe(0);
    const points = await loadDirectory(test.handle, { demo: true, now: NOW });
    expect(points.every((point) => point.descriptionEn?.endsWith('This is demo data, not a real place.'))).toBe(true);
    expect(points.every((point) => point.services.every((service) => service.descriptionEn !== undefined))).toBe(true);
  });

  it('covers all 34 provinces and every service type', async () => {
    const provinces = await test.db
      .selectDistinct({ code: locations.provinceCode })
      .from(locations)
      .where(eq(locations.isDemo, true));
    expect(provinces.map((row) => row.code).sort()).toEqual(
      listProvinces()
        .map((province) => province.code)
        .sort(),
    );
    const types = await test.db.selectDistinct({ type: services.serviceType }).from(services);
    expect(types.map((row) => row.type).sort()).toEqual([...serviceTypes.codes].sort());
  });

  it('has only @example.invalid notification addresses', async () => {
    const rows = await test.db
      .select({ email: locations.notificationEmail })
      .from(locations)
      .where(eq(locations.isDemo, true));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.email?.endsWith('@example.invalid') === true)).toBe(true);
  });

  it('is not loaded twice', async () => {
    const before = await rowCounts(test);
    expect(await seedDemoDirectory(test.handle)).toEqual({ inserted: 0 });
    expect(await prepareDirectory({ demo: true }, test.handle)).toEqual({ demoInserted: 0 });
    expect(await rowCounts(test)).toEqual(before);
  });

  it('reads back as the generator made it', async () => {
    const loaded = await loadDirectory(test.handle, { demo: true, now: NOW });
    const expected = demoDirectoryPoints(generateDemoDirectory(), new Date(0), '2026-11-01');
    const withoutStamp = (points: typeof loaded) => points.map(({ updatedAt: _updatedAt, ...rest }) => rest);
    expect(withoutStamp(loaded)).toEqual(withoutStamp(expected));
  });

  it('is hidden when the portal is not in demo mode', async () => {
    expect(await loadDirectory(test.handle, { demo: false, now: NOW })).toEqual([]);
  });

  it('gets the same ids in another database', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoDirectory(other.handle);
      const ids = async (t: TestDatabase) =>
        (await t.db.select({ id: locations.id }).from(locations).orderBy(locations.id)).map((row) => row.id);
      expect(await ids(other)).toEqual(await ids(test));
      const organizationIds = async (t: TestDatabase) =>
        (await t.db.select({ id: organizations.id }).from(organizations).orderBy(organizations.id)).map(
          (row) => row.id,
        );
      expect(await organizationIds(other)).toEqual(await organizationIds(test));
    } finally {
      await other.cleanup();
    }
  });
});

describe(`prepareDirectory on ${testEngine}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.cleanup());

  it('does nothing outside demo mode', async () => {
    expect(await prepareDirectory({ demo: false }, test.handle)).toEqual({ demoInserted: 0 });
    const [row] = await test.db.select({ n: count() }).from(locations);
    expect(row?.n).toBe(0);
  });

  it('seeds the demo directory in demo mode', async () => {
    const { demoInserted } = await prepareDirectory({ demo: true }, test.handle);
    expect(demoInserted).toBeGreaterThanOrEqual(34 * 3);
  });
});

async function rowCounts(test: TestDatabase): Promise<Record<string, number>> {
  const tables = [
    'organizations',
    'locations',
    'services',
    'service_at_location',
    'schedules',
    'closures',
    'phones',
    'languages',
    'cost_options',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await test.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? -1;
  }
  return counts;
}
