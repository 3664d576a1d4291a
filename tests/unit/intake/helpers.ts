/**
 * A complete intake on a fresh test database (PGlite in memory, or a new PostgreSQL database with
 * TEST_DB_ENGINE=postgres): directory points, an in-memory keyring, anti-abuse services with a cheap proof of work and
 * limits high enough for fuzzing, and a clock the test can move.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { locations, organizations, phones, serviceAtLocation, services } from '#src/db/schema/index.ts';
import type { Database } from '#src/db/types.ts';
import { createAntiAbuse, type AntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { loadDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import type { IntakeServices } from '#src/features/intake/services.server.ts';
import type { OperatorKind, ServiceType } from '#src/features/lists/index.ts';
import type { Clock } from '#src/lib/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../setup/db.ts';
import { FAST_POW, solvePow, testKeyring } from '../../setup/solve-pow.ts';

/** A clock the test sets. */
export interface MovableClock extends Clock {
  set(instant: Date | string): void;
  advanceDays(days: number): void;
}

/** Starts at the real time (altcha-lib checks a challenge's expiry against the real clock), to the millisecond. */
export function movableClock(start: Date | string = new Date()): MovableClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (instant) => {
      now = new Date(instant).getTime();
    },
    advanceDays: (days) => {
      now += days * 24 * 60 * 60 * 1000;
    },
  };
}

export interface TestPoint {
  name: string;
  operatorKind: OperatorKind;
  provinceCode: string;
  communeCode: string;
  lat: number;
  lon: number;
  serviceTypes: readonly ServiceType[];
  notificationEmail: string | null;
  phone?: string;
}

/** Two points in Hà Nội (Ba Đình) and one methadone clinic in Thành phố Hồ Chí Minh. */
export const DEFAULT_POINTS: readonly TestPoint[] = [
  {
    name: 'Trạm Y tế phường Ba Đình',
    operatorKind: 'health-station',
    provinceCode: '01',
    communeCode: '00004',
    lat: 21.0365,
    lon: 105.8379,
    serviceTypes: ['counselling'],
    notificationEmail: 'tram-ba-dinh@example.invalid',
    phone: '024 3823 1234',
  },
  {
    name: 'Điểm tư vấn cộng đồng Hoàn Kiếm',
    operatorKind: 'community-point',
    provinceCode: '01',
    communeCode: '00070',
    lat: 21.032,
    lon: 105.8503,
    serviceTypes: ['voluntary-rehab', 'post-rehab-support'],
    notificationEmail: 'hoan-kiem@example.invalid',
  },
  {
    name: 'Cơ sở điều trị methadone Thủ Dầu Một',
    operatorKind: 'health-facility',
    provinceCode: '79',
    communeCode: '25747',
    lat: 10.9665,
    lon: 106.6609,
    serviceTypes: ['methadone'],
    notificationEmail: 'methadone-tdm@example.invalid',
  },
];

/** Inserts a point with one service per type; returns the location id. */
export async function insertTestPoint(db: Database, point: TestPoint): Promise<string> {
  const [organization] = await db
    .insert(organizations)
    .values({ name: point.name, operatorKind: point.operatorKind })
    .returning({ id: organizations.id });
  if (!organization) throw new Error('no organization');
  const [location] = await db
    .insert(locations)
    .values({
      organizationId: organization.id,
      name: point.name,
      provinceCode: point.provinceCode,
      communeCode: point.communeCode,
      latitude: point.lat,
      longitude: point.lon,
      notificationEmail: point.notificationEmail,
      address: 'Số 1, phố Thử',
    })
    .returning({ id: locations.id });
  if (!location) throw new Error('no location');
  for (const type of point.serviceTypes) {
    const [service] = await db
      .insert(services)
      .values({ organizationId: organization.id, name: `${type} — ${point.name}`, serviceType: type })
      .returning({ id: services.id });
    if (!service) throw new Error('no service');
    await db.insert(serviceAtLocation).values({ serviceId: service.id, locationId: location.id });
  }
  if (point.phone) await db.insert(phones).values({ locationId: location.id, number: point.phone });
  return location.id;
}

export interface IntakeHarness {
  database: TestDatabase;
  db: Database;
  keyring: Keyring;
  antiAbuse: AntiAbuse;
  clock: MovableClock;
  services: IntakeServices;
  pointIds: string[];
  /** A solved proof of work for one submission. */
  proof(): Promise<string>;
  clientKey: ClientKey;
  cleanup(): Promise<void>;
}

/** Builds the harness; `points` default to {@link DEFAULT_POINTS}. */
export async function createIntakeHarness(
  options: { points?: readonly TestPoint[]; keyring?: Keyring } = {},
): Promise<IntakeHarness> {
  const database = await createTestDatabase();
  const keyring = options.keyring ?? testKeyring();
  const clock = movableClock();
  const antiAbuse = createAntiAbuse({
    keyring,
    keyPrefix: `test:${randomBytes(4).toString('hex')}:`,
    clock,
    proofOfWork: FAST_POW,
    // Fuzzing sends thousands of requests from one client key: the limits are not what these tests are about.
    limits: {
      intake: [{ points: 1_000_000, durationSeconds: 3600 }],
      track: [{ points: 1_000_000, durationSeconds: 3600 }],
    },
  });
  const pointIds: string[] = [];
  for (const point of options.points ?? DEFAULT_POINTS) pointIds.push(await insertTestPoint(database.db, point));
  const snapshot = await loadDirectorySnapshot(database.handle, { demo: false, now: clock.now() });
  const services: IntakeServices = {
    database: async () => database.handle,
    keyring: () => keyring,
    directory: async () => snapshot,
    antiAbuse: async () => antiAbuse,
    clock,
  };
  return {
    database,
    db: database.db,
    keyring,
    antiAbuse,
    clock,
    services,
    pointIds,
    proof: async () => solvePow(await antiAbuse.proofOfWork.createChallenge()),
    clientKey: 'a'.repeat(32) as ClientKey,
    async cleanup() {
      await antiAbuse.close();
      await database.cleanup();
    },
  };
}

/** Row counts of every table the intake writes. */
export async function intakeRowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['cases', 'case_events', 'case_messages', 'case_notices', 'outbox']) {
    const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  }
  return counts;
}

/** A complete, valid JSON request (without proof). */
export function validRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    who: 'family',
    communeCode: '00004',
    helpWanted: 'counselling',
    ageBand: '18-24',
    message: 'Con tôi dạo này hay bỏ học, tôi lo lắm.',
    contact: { kind: 'phone', value: '0912 345 678' },
    preferredTime: 'evening',
    lang: 'vi',
    ...overrides,
  };
}

/** Rows of a table as plain objects (raw SQL, every column). */
export async function allRows(db: Database, table: string): Promise<Record<string, unknown>[]> {
  const result = await db.execute(sql.raw(`select * from ${table}`));
  return (result as unknown as { rows: Record<string, unknown>[] }).rows;
}
