import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  costOptions,
  locations,
  organizations,
  outbox,
  schedules,
  serviceAtLocation,
  services,
} from '#src/db/schema/index.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';
import { brokenConstraint, insertPoint } from './fixtures.ts';

describe(`schema constraints on ${testEngine}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.cleanup());

  it('accept a well-formed point', async () => {
    const point = await insertPoint(test.db);
    expect(point.serviceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reject a service status outside the HSDS values', async () => {
    const { organizationId } = await insertPoint(test.db);
    const insert = test.db
      .insert(services)
      .values({ organizationId, name: 'X', serviceType: 'counselling', status: 'closed' });
    expect(await brokenConstraint(insert)).toBe('services_status_check');
  });

  it('reject an unknown service type', async () => {
    const { organizationId } = await insertPoint(test.db);
    const insert = test.db.insert(services).values({ organizationId, name: 'X', serviceType: 'astrology' });
    expect(await brokenConstraint(insert)).toBe('services_service_type_check');
  });

  it('reject an unknown operator kind', async () => {
    const insert = test.db.insert(organizations).values({ name: 'X', operatorKind: 'bank' });
    expect(await brokenConstraint(insert)).toBe('organizations_operator_kind_check');
  });

  it('reject a location status outside the HSDS values', async () => {
    const { locationId } = await insertPoint(test.db);
    const update = test.db.update(locations).set({ status: 'closed' }).where(eq(locations.id, locationId));
    expect(await brokenConstraint(update)).toBe('locations_status_check');
  });

  it('reject a commune code that is not 5 digits', async () => {
    const { organizationId } = await insertPoint(test.db);
    const insert = test.db
      .insert(locations)
      .values({ organizationId, name: 'X', provinceCode: '01', communeCode: '1234' });
    expect(await brokenConstraint(insert)).toBe('locations_commune_code_check');
  });

  it('reject a province code that is not 2 digits', async () => {
    const { organizationId } = await insertPoint(test.db);
    const insert = test.db.insert(locations).values({ organizationId, name: 'X', provinceCode: '1' });
    expect(await brokenConstraint(insert)).toBe('locations_province_code_check');
  });

  it('reject a minimum age above the maximum age', async () => {
    const { organizationId } = await insertPoint(test.db);
    const insert = test.db
      .insert(services)
      .values({ organizationId, name: 'X', serviceType: 'counselling', minAge: 18, maxAge: 12 });
    expect(await brokenConstraint(insert)).toBe('services_age_check');
  });

  it('reject a latitude without a longitude', async () => {
    const { organizationId } = await insertPoint(test.db);
    const insert = test.db.insert(locations).values({ organizationId, name: 'X', provinceCode: '01', latitude: 21.03 });
    expect(await brokenConstraint(insert)).toBe('locations_coordinates_check');
  });

  it('reject an unknown cost kind', async () => {
    const { serviceId } = await insertPoint(test.db);
    const insert = test.db.insert(costOptions).values({ serviceId, kind: 'barter' });
    expect(await brokenConstraint(insert)).toBe('cost_options_kind_check');
  });

  it('reject a schedule day that is not an RFC 5545 weekday', async () => {
    const { locationId } = await insertPoint(test.db);
    const insert = test.db
      .insert(schedules)
      .values({ locationId, byday: 'MO,XX', opensAt: '07:30', closesAt: '11:30' });
    expect(await brokenConstraint(insert)).toBe('schedules_byday_check');
  });

  it('reject a schedule that closes before it opens', async () => {
    const { locationId } = await insertPoint(test.db);
    const insert = test.db.insert(schedules).values({ locationId, byday: 'MO', opensAt: '17:00', closesAt: '07:30' });
    expect(await brokenConstraint(insert)).toBe('schedules_hours_check');
  });

  it('reject a schedule belonging to nothing', async () => {
    const insert = test.db.insert(schedules).values({ byday: 'MO', opensAt: '07:30', closesAt: '11:30' });
    expect(await brokenConstraint(insert)).toBe('schedules_owner_check');
  });

  it('reject an outbox status outside pending, sent and dead', async () => {
    const insert = test.db
      .insert(outbox)
      .values({ kind: 'notice', recipientKind: 'point_staff', payload: new Uint8Array([1]), status: 'lost' });
    expect(await brokenConstraint(insert)).toBe('outbox_status_check');
  });

  it('refuse to delete an organization that still has services', async () => {
    const { organizationId } = await insertPoint(test.db);
    const remove = test.db.delete(organizations).where(eq(organizations.id, organizationId));
    // Services and locations both restrict it; which one PostgreSQL checks first is not defined.
    expect(await brokenConstraint(remove)).toMatch(/^(services|locations)_organization_id_organizations_id_fk$/);
  });

  it("delete a location's schedules with it", async () => {
    const { locationId } = await insertPoint(test.db);
    await test.db.insert(schedules).values({ locationId, byday: 'MO,TU', opensAt: '07:30', closesAt: '11:30' });
    await test.db.delete(locations).where(eq(locations.id, locationId));
    expect(await test.db.select().from(schedules).where(eq(schedules.locationId, locationId))).toEqual([]);
  });

  it('refuse the same service twice at one location', async () => {
    const { serviceId, locationId } = await insertPoint(test.db);
    await test.db.insert(serviceAtLocation).values({ serviceId, locationId });
    const again = test.db.insert(serviceAtLocation).values({ serviceId, locationId });
    expect(await brokenConstraint(again)).toBe('service_at_location_service_location_key');
  });

  it('refuse two listings imported from the same spreadsheet row', async () => {
    const source = { sourceProvinceCode: '79', sourceRowId: `row-${crypto.randomUUID()}` };
    await test.db.insert(organizations).values({ name: 'A', operatorKind: 'other', ...source });
    const again = test.db.insert(organizations).values({ name: 'B', operatorKind: 'other', ...source });
    expect(await brokenConstraint(again)).toBe('organizations_source_idx');
  });
});
