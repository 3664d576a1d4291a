/**
 * The end-to-end suite's server (playwright.config.ts): opens and migrates the database, loads the demo directory,
 * seeds the console's test staff and two bare cases (tests/fixtures/console-staff.ts) unless they exist, writes what it
 * made to DATA_DIR/console-fixture.json, closes the database, then starts the portal exactly as `npm start` does, in
 * this process (PGlite allows one process; the built server opens the database again, its own way).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { openDatabase } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { caseEvents, cases, locations } from '#src/db/schema/index.ts';
import { loadEnv } from '#src/env.server.ts';
import { createStaffAccount, accountExists } from '#src/features/console/staff/account-creation.server.ts';
import { prepareDirectory } from '#src/features/directory/boot.server.ts';
import {
  consoleStaff,
  FIXTURE_FILE,
  OTHER_PROVINCE,
  singleUseStaff,
  STAFF_PASSWORD,
  TEST_PROVINCE,
  type ConsoleFixture,
} from '../fixtures/console-staff.ts';
import { DEFAULT_E2E_DATA_DIR } from './e2e-data-dir.ts';

// Everything the server writes is also kept in E2E_LOG_FILE, which the scan after the run reads (scan-after-e2e.ts):
// the log of a whole e2e run must hold no client address, user agent or text a test typed.
const logFile = process.env.E2E_LOG_FILE;
if (logFile !== undefined && logFile !== '') {
  mkdirSync(dirname(logFile), { recursive: true });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      appendFileSync(logFile, chunk);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

// Only the default folder of playwright.config.ts is emptied (it sets E2E_FRESH_DATA); never a folder a caller gave.
if (process.env.E2E_FRESH_DATA === '1' && resolve(process.env.DATA_DIR ?? '') === resolve(DEFAULT_E2E_DATA_DIR))
  rmSync(resolve(DEFAULT_E2E_DATA_DIR), { recursive: true, force: true });

const env = loadEnv();
const fixturePath = join(env.dataDir, FIXTURE_FILE);
const handle = await openDatabase(env);
await migrateDatabase(handle);
await prepareDirectory(env, handle);

if (!existsSync(fixturePath)) {
  const db = handle.db;
  const activeIn = (province: string) =>
    db
      .select({ id: locations.id, name: locations.name, communeCode: locations.communeCode })
      .from(locations)
      .where(and(eq(locations.provinceCode, province), eq(locations.status, 'active')))
      .orderBy(asc(locations.name));
  const hanoi = await activeIn(TEST_PROVINCE);
  const danang = await activeIn(OTHER_PROVINCE);
  const pointY = hanoi.at(-1);
  const otherProvincePoint = danang[0];
  if (pointY === undefined || hanoi.length < 2 || otherProvincePoint === undefined)
    throw new Error('e2e-server: the demo directory has too few active points in the test provinces (run with DEMO=1)');
  const pointsOfA = hanoi.slice(0, -1);
  const now = new Date();
  const fixture = await db.transaction(async (tx) => {
    for (const [key, staff] of [...Object.entries(consoleStaff), ...Object.entries(singleUseStaff)]) {
      if (await accountExists(tx, staff.email)) continue;
      await createStaffAccount(
        tx,
        {
          email: staff.email,
          name: staff.name,
          password: STAFF_PASSWORD,
          role: staff.role,
          provinceCode: 'provinceCode' in staff ? staff.provinceCode : null,
          pointIds:
            key === 'staffA'
              ? pointsOfA.map((point) => point.id)
              : key === 'staffB' || (key in singleUseStaff && staff.role === 'point-staff')
                ? [pointY.id]
                : [],
          lang: 'vi',
        },
        now,
      );
    }
    // Two bare cases (no message, no contact), so the security test has a case of each point from the start.
    const bareCase = async (point: { id: string; communeCode: string | null }) => {
      const id = randomUUID();
      await tx.insert(cases).values({
        id,
        pointId: point.id,
        routingReason: 'in-commune',
        routingDistanceKm: 0,
        helpWanted: 'counselling',
        requesterKind: 'family',
        ageBand: '18-24',
        communeCode: point.communeCode,
        provinceCode: TEST_PROVINCE,
        receiptHash: Buffer.from(randomUUID()),
        receiptKeyId: 'e2e-fixture',
        createdAt: now,
      });
      await tx
        .insert(caseEvents)
        .values({ caseId: id, at: now, fromStatus: null, toStatus: 'new', actorKind: 'system' });
      return id;
    };
    const caseOfA = await bareCase(pointsOfA[0] ?? pointY);
    const caseOfY = await bareCase(pointY);
    const written: ConsoleFixture = {
      pointsOfA: pointsOfA.map(({ id, name }) => ({ id, name })),
      pointY: { id: pointY.id, name: pointY.name },
      otherProvincePoint: { id: otherProvincePoint.id, name: otherProvincePoint.name },
      caseOfA,
      caseOfY,
    };
    return written;
  });
  mkdirSync(env.dataDir, { recursive: true });
  writeFileSync(fixturePath, `${JSON.stringify(fixture, null, 2)}\n`);
}

// Closed before the portal starts: the built server opens the database itself (one module graph, see
// scripts/start.ts), and PGlite's DATA_DIR lock admits one handle.
await handle.close();
await import('../../scripts/start.ts');
