/**
 * A console administration harness on a fresh test database (PGlite, or PostgreSQL with TEST_DB_ENGINE=postgres):
 * points in Hà Nội (01) and Đà Nẵng (48), staff accounts of every role, their principals (as the console guard would
 * build them), an in-memory keyring and a clock the test sets.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { auditLog, caseEvents, cases, outbox, type AuditAction } from '#src/db/schema/index.ts';
import type { Database } from '#src/db/types.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Principal } from '#src/features/console/principal.ts';
import { createStaffAccount } from '#src/features/console/staff/account-creation.server.ts';
import type { HelpWanted, StaffRole } from '#src/features/lists/index.ts';
import { createTestDatabase, type TestDatabase } from '../../setup/db.ts';
import { testKeyring } from '../../setup/solve-pow.ts';
import { insertTestPoint, movableClock, type MovableClock, type TestPoint } from '../intake/helpers.ts';

export const HANOI = '01';
export const DANANG = '48';

const point = (name: string, provinceCode: string, communeCode: string, lat: number, lon: number): TestPoint => ({
  name,
  operatorKind: 'health-station',
  provinceCode,
  communeCode,
  lat,
  lon,
  serviceTypes: ['counselling'],
  notificationEmail: `${randomUUID().slice(0, 8)}@example.invalid`,
  phone: '024 3823 1234',
});

export interface AdminHarness {
  database: TestDatabase;
  db: Database;
  keyring: Keyring;
  clock: MovableClock;
  /** Two Hà Nội points (A, B) and one Đà Nẵng point (C). */
  points: { a: string; b: string; c: string };
  users: Record<'staffA' | 'staffB' | 'staffC' | 'hanoiAdmin' | 'danangAdmin' | 'nationalAdmin', string>;
  principal(key: keyof AdminHarness['users']): Principal;
  cleanup(): Promise<void>;
}

interface Seed {
  readonly email: string;
  readonly role: StaffRole;
  readonly provinceCode: string | null;
  readonly points: ReadonlyArray<'a' | 'b' | 'c'>;
}

const SEEDS: Record<keyof AdminHarness['users'], Seed> = {
  staffA: { email: 'staff-a@example.invalid', role: 'point-staff', provinceCode: null, points: ['a'] },
  staffB: { email: 'staff-b@example.invalid', role: 'point-staff', provinceCode: null, points: ['b'] },
  staffC: { email: 'staff-c@example.invalid', role: 'point-staff', provinceCode: null, points: ['c'] },
  hanoiAdmin: { email: 'hanoi@example.invalid', role: 'province-admin', provinceCode: HANOI, points: [] },
  danangAdmin: { email: 'danang@example.invalid', role: 'province-admin', provinceCode: DANANG, points: [] },
  nationalAdmin: { email: 'national@example.invalid', role: 'national-admin', provinceCode: null, points: [] },
};

export async function createAdminHarness(): Promise<AdminHarness> {
  const database = await createTestDatabase();
  const db = database.db;
  const keyring = testKeyring();
  // A Wednesday morning in Vietnam (03:00 UTC = 10:00 local), far from Tết.
  const clock = movableClock('2026-11-18T03:00:00Z');
  const points = {
    a: await insertTestPoint(db, point('Trạm Y tế phường Ba Đình', HANOI, '00004', 21.0365, 105.8379)),
    b: await insertTestPoint(db, point('Điểm tư vấn Hoàn Kiếm', HANOI, '00070', 21.032, 105.8503)),
    c: await insertTestPoint(db, point('Trạm Y tế phường Hải Vân', DANANG, '20194', 16.0678, 108.2208)),
  };
  const users = {} as AdminHarness['users'];
  for (const [key, seed] of Object.entries(SEEDS) as Array<[keyof AdminHarness['users'], Seed]>) {
    users[key] = await createStaffAccount(
      db,
      {
        email: seed.email,
        name: `Người ${key}`,
        password: 'unit test passphrase',
        role: seed.role,
        provinceCode: seed.provinceCode,
        pointIds: seed.points.map((name) => points[name]),
        lang: 'vi',
      },
      clock.now(),
    );
  }
  return {
    database,
    db,
    keyring,
    clock,
    points,
    users,
    principal(key) {
      const seed = SEEDS[key];
      return {
        userId: users[key],
        sessionId: `session-${key}`,
        name: `Người ${key}`,
        email: seed.email,
        role: seed.role,
        provinceCode: seed.provinceCode,
        pointIds: seed.points.map((name) => points[name]),
        twoFactorEnabled: true,
        lang: 'vi',
      };
    },
    cleanup: () => database.cleanup(),
  };
}

/** Audit entries of one action, oldest first. */
export async function auditOf(db: Database, action: AuditAction) {
  const rows = await db.select().from(auditLog).where(eq(auditLog.action, action));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Outbox rows of one kind. */
export async function outboxOf(db: Database, kind: string) {
  return db.select().from(outbox).where(eq(outbox.kind, kind));
}

/** A bare case (no content) at a point, received at `createdAt`. */
export async function insertCase(
  db: Database,
  pointId: string,
  createdAt: Date,
  extra: Partial<typeof cases.$inferInsert> & { helpWanted?: HelpWanted } = {},
): Promise<string> {
  const id = randomUUID();
  await db.insert(cases).values({
    id,
    pointId,
    routingReason: 'in-commune',
    routingDistanceKm: 0,
    helpWanted: 'counselling',
    requesterKind: 'family',
    ageBand: '18-24',
    communeCode: null,
    provinceCode: null,
    receiptHash: Buffer.from(randomUUID()),
    receiptKeyId: 'unit',
    createdAt,
    ...extra,
  });
  await db
    .insert(caseEvents)
    .values({ caseId: id, at: createdAt, fromStatus: null, toStatus: 'new', actorKind: 'system' });
  return id;
}

/** Row count of a table. */
export async function rowCount(db: Database, table: string): Promise<number> {
  const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}
