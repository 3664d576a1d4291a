import { expect } from 'vitest';
import { locations, organizations, services } from '#src/db/schema/index.ts';
import type { Database } from '#src/db/types.ts';

/** Inserts an organization, a service and a location for it; returns their ids. Each call makes new rows. */
export async function insertPoint(
  db: Database,
): Promise<{ organizationId: string; serviceId: string; locationId: string }> {
  const [organization] = await db
    .insert(organizations)
    .values({ name: 'Trạm Y tế xã Thử', operatorKind: 'health-station' })
    .returning({ id: organizations.id });
  if (!organization) throw new Error('no organization row');
  const [service] = await db
    .insert(services)
    .values({ organizationId: organization.id, name: 'Tư vấn cai nghiện', serviceType: 'counselling' })
    .returning({ id: services.id });
  const [location] = await db
    .insert(locations)
    .values({ organizationId: organization.id, name: 'Trạm Y tế xã Thử', provinceCode: '01', communeCode: '00004' })
    .returning({ id: locations.id });
  if (!service || !location) throw new Error('no service or location row');
  return { organizationId: organization.id, serviceId: service.id, locationId: location.id };
}

/**
 * The name of the constraint a failed statement broke. Drizzle wraps the driver's error (`cause`); both node-postgres
 * and PGlite report `constraint` on it.
 */
export async function brokenConstraint(statement: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await statement;
  } catch (error) {
    let current: unknown = error;
    while (current instanceof Error) {
      if ('constraint' in current && typeof current.constraint === 'string') return current.constraint;
      current = current.cause;
    }
    expect.fail(`the statement failed without naming a constraint: ${String(error)}`);
  }
  expect.fail('the statement succeeded');
}
