import { asc, inArray } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { locations } from '#src/db/schema/index.ts';

/** The names of some points, by name. */
export async function pointsOf(
  db: Database,
  pointIds: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
  if (pointIds.length === 0) return [];
  return db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(inArray(locations.id, [...pointIds]))
    .orderBy(asc(locations.name));
}
