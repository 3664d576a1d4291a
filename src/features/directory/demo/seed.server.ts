/**
 * Writes the demo directory into the database: once, in one transaction. Run at start in demo mode
 * (`prepareDirectory` in `boot.server.ts`).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import {
  closures,
  costOptions,
  languages,
  locations,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  services,
} from '#src/db/schema/index.ts';
import { type DemoDirectory, generateDemoDirectory } from './generate.ts';

// Rows per INSERT: far below PostgreSQL's 65,535 parameters per statement for every table here.
const CHUNK = 500;

/**
 * Inserts the demo directory (generated, or the one given) unless demo rows are already there; `inserted` is the
 * number of points (locations) written, 0 when nothing was done. All or nothing: one transaction. Two processes
 * seeding at once cannot duplicate it either: the ids are fixed, and a row already there is skipped.
 */
export async function seedDemoDirectory(
  handle: DatabaseHandle,
  directory: DemoDirectory = generateDemoDirectory(),
): Promise<{ inserted: number }> {
  return handle.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.isDemo, true)).limit(1);
    if (existing !== undefined) {
      await addEnglish(tx, directory);
      return { inserted: 0 };
    }
    for (const rows of chunks(directory.organizations))
      await tx.insert(organizations).values(rows).onConflictDoNothing();
    let inserted = 0;
    for (const rows of chunks(directory.locations)) {
      const written = await tx.insert(locations).values(rows).onConflictDoNothing().returning({ id: locations.id });
      inserted += written.length;
    }
    for (const rows of chunks(directory.services)) await tx.insert(services).values(rows).onConflictDoNothing();
    for (const rows of chunks(directory.serviceAtLocation)) {
      await tx.insert(serviceAtLocation).values(rows).onConflictDoNothing();
    }
    for (const rows of chunks(directory.schedules)) await tx.insert(schedules).values(rows).onConflictDoNothing();
    for (const rows of chunks(directory.closures)) await tx.insert(closures).values(rows).onConflictDoNothing();
    for (const rows of chunks(directory.phones)) await tx.insert(phones).values(rows).onConflictDoNothing();
    for (const rows of chunks(directory.languages)) await tx.insert(languages).values(rows).onConflictDoNothing();
    for (const rows of chunks(directory.costOptions)) await tx.insert(costOptions).values(rows).onConflictDoNothing();
    return { inserted };
  });
}

type Transaction = Parameters<Parameters<DatabaseHandle['db']['transaction']>[0]>[0];

/**
 * A demo directory seeded before it had English texts (migration 0010) gets them, once: only rows still without one
 * are written, so a second start finds nothing to do after one query.
 */
async function addEnglish(tx: Transaction, directory: DemoDirectory): Promise<void> {
  const [missing] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.isDemo, true), isNull(locations.descriptionEn)))
    .limit(1);
  if (missing === undefined) return;
  for (const row of directory.locations) {
    await tx
      .update(locations)
      .set({ descriptionEn: row.descriptionEn })
      .where(and(eq(locations.id, row.id), isNull(locations.descriptionEn)));
  }
  for (const row of directory.services) {
    await tx
      .update(services)
      .set({ descriptionEn: row.descriptionEn })
      .where(and(eq(services.id, row.id), isNull(services.descriptionEn)));
  }
  for (const row of directory.phones) {
    await tx
      .update(phones)
      .set({ descriptionEn: row.descriptionEn })
      .where(and(eq(phones.id, row.id), isNull(phones.descriptionEn)));
  }
  for (const row of directory.closures) {
    await tx
      .update(closures)
      .set({ descriptionEn: row.descriptionEn })
      .where(and(eq(closures.id, row.id), isNull(closures.descriptionEn)));
  }
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK) out.push(rows.slice(start, start + CHUNK));
  return out;
}
