import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { loadDirectory, loadNotificationEmails } from '#src/features/directory/load.server.ts';
import { loadDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';

const NOW = new Date('2026-03-17T09:00:00+07:00');
const SECRET_EMAIL = 'tram-ba-be@notices.example.invalid';

// Hand-written ids, so the expected point below can name them.
const ids = {
  organization: '11111111-1111-4111-8111-000000000001',
  location: '11111111-1111-4111-8111-000000000002',
  counselling: '11111111-1111-4111-8111-000000000003',
  testing: '11111111-1111-4111-8111-000000000004',
  counsellingLink: '11111111-1111-4111-8111-000000000005',
  testingLink: '11111111-1111-4111-8111-000000000006',
  demoOrganization: '11111111-1111-4111-8111-000000000011',
  demoLocation: '11111111-1111-4111-8111-000000000012',
  demoService: '11111111-1111-4111-8111-000000000013',
};

/** One real point in Ba Bể written table by table, the way an import or the console would, and one demo point. */
async function insertRows(test: TestDatabase): Promise<void> {
  const db = test.db;
  await db
    .insert(organizations)
    .values({ id: ids.organization, name: 'Trạm Y tế xã Ba Bể', operatorKind: 'health-station' });
  await db.insert(locations).values({
    id: ids.location,
    organizationId: ids.organization,
    name: 'Trạm Y tế xã Ba Bể',
    description: 'Tư vấn trong giờ hành chính.',
    address: 'Thôn Pác Ngòi',
    provinceCode: '19',
    communeCode: '01906',
    latitude: 22.4435,
    longitude: 105.62176,
    notificationEmail: SECRET_EMAIL,
    checkedOn: '2026-02-01',
  });
  await db.insert(services).values([
    { id: ids.counselling, organizationId: ids.organization, name: 'Tư vấn', serviceType: 'counselling' },
    {
      id: ids.testing,
      organizationId: ids.organization,
      name: 'Xét nghiệm HIV',
      serviceType: 'hiv-hepatitis-testing',
      minAge: 16,
      maxAge: 60,
    },
  ]);
  await db.insert(serviceAtLocation).values([
    { id: ids.counsellingLink, serviceId: ids.counselling, locationId: ids.location },
    { id: ids.testingLink, serviceId: ids.testing, locationId: ids.location },
  ]);
  await db.insert(schedules).values([
    // A split weekday, and a Saturday morning; then the testing service's own hours; then a timetable that ended.
    { locationId: ids.location, byday: 'MO,TU,WE,TH,FR', opensAt: '07:30', closesAt: '11:30' },
    { locationId: ids.location, byday: 'MO,TU,WE,TH,FR', opensAt: '13:30', closesAt: '17:00' },
    { locationId: ids.location, byday: 'SA', opensAt: '07:30', closesAt: '11:30' },
    {
      serviceAtLocationId: ids.testingLink,
      byday: 'TU,TH',
      opensAt: '07:30',
      closesAt: '11:30',
      validFrom: '2026-01-01',
    },
    { locationId: ids.location, byday: 'SU', opensAt: '08:00', closesAt: '10:00', validTo: '2025-12-31' },
  ]);
  await db.insert(closures).values([
    { locationId: ids.location, startsOn: '2026-03-20', endsOn: '2026-03-21', description: 'Tập huấn' },
    { locationId: ids.location, startsOn: '2026-01-05', endsOn: '2026-01-06', description: 'Đã qua' },
    {
      serviceAtLocationId: ids.testingLink,
      startsOn: '2026-04-02',
      endsOn: '2026-04-02',
      description: 'Hết sinh phẩm',
    },
  ]);
  await db.insert(phones).values([
    { locationId: ids.location, number: '0209 000 0001', description: 'Trực ban' },
    { serviceAtLocationId: ids.testingLink, number: '0209 000 0002', description: null },
    // The organization's number is not the point's own: used only when the point has none.
    { organizationId: ids.organization, number: '0209 000 9999', description: 'Văn phòng' },
  ]);
  await db.insert(languages).values([
    { serviceId: ids.counselling, name: 'Tiếng Việt', code: 'vi' },
    { serviceId: ids.counselling, name: 'Tiếng Tày', code: 'tyz' },
    // Spoken at the location: every service there is given in it.
    { locationId: ids.location, name: 'Tiếng Anh', code: 'en' },
  ]);
  await db.insert(costOptions).values([
    { serviceId: ids.counselling, kind: 'free' },
    { serviceId: ids.testing, kind: 'insurance' },
    { serviceId: ids.testing, kind: 'fee', amount: '50000' },
    { serviceId: ids.testing, kind: 'free', validTo: '2025-12-31' },
  ]);

  await db
    .insert(organizations)
    .values({ id: ids.demoOrganization, name: 'Demo', operatorKind: 'other', isDemo: true });
  await db.insert(locations).values({
    id: ids.demoLocation,
    organizationId: ids.demoOrganization,
    name: 'Điểm minh họa',
    provinceCode: '19',
    communeCode: '01906',
    notificationEmail: 'demo@example.invalid',
    isDemo: true,
  });
  await db.insert(services).values({
    id: ids.demoService,
    organizationId: ids.demoOrganization,
    name: 'Demo',
    serviceType: 'counselling',
    isDemo: true,
  });
  await db.insert(serviceAtLocation).values({ serviceId: ids.demoService, locationId: ids.demoLocation });
}

describe(`loadDirectory on ${testEngine}`, () => {
  let test: TestDatabase;
  let real: DirectoryPoint[];
  beforeAll(async () => {
    test = await createTestDatabase();
    await insertRows(test);
    real = await loadDirectory(test.handle, { demo: false, now: NOW });
  });
  afterAll(() => test.cleanup());

  it('builds a point from its organization, location and services', () => {
    expect(real).toHaveLength(1);
    const [point] = real;
    expect(point).toMatchObject({
      id: ids.location,
      name: 'Trạm Y tế xã Ba Bể',
      organization: { id: ids.organization, name: 'Trạm Y tế xã Ba Bể', operatorKind: 'health-station' },
      address: 'Thôn Pác Ngòi',
      provinceCode: '19',
      communeCode: '01906',
      lat: 22.4435,
      lon: 105.62176,
      status: 'active',
      checkedOn: '2026-02-01',
      isDemo: false,
    });
    expect(point?.services.map((service) => service.type)).toEqual(['counselling', 'hiv-hepatitis-testing']);
    expect(Number.isNaN(Date.parse(point?.updatedAt ?? ''))).toBe(false);
  });

  it('turns weekly schedules into hours per day, Monday first, dropping a timetable that has ended', () => {
    const [point] = real;
    const office = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, opens: 450, closes: 690 },
      { weekday, opens: 810, closes: 1020 },
    ]);
    expect(point?.hours).toEqual([...office, { weekday: 6, opens: 450, closes: 690 }]);
    const testing = point?.services.find((service) => service.type === 'hiv-hepatitis-testing');
    expect(testing?.hours).toEqual([
      { weekday: 2, opens: 450, closes: 690, validFrom: '2026-01-01' },
      { weekday: 4, opens: 450, closes: 690, validFrom: '2026-01-01' },
    ]);
    expect(point?.services.find((service) => service.type === 'counselling')?.hours).toEqual([]);
  });

  it('keeps closures still to come, the point’s and each service’s', () => {
    const [point] = real;
    expect(point?.closures).toEqual([{ startsOn: '2026-03-20', endsOn: '2026-03-21', description: 'Tập huấn' }]);
    const testing = point?.services.find((service) => service.type === 'hiv-hepatitis-testing');
    expect(testing?.closures).toEqual([{ startsOn: '2026-04-02', endsOn: '2026-04-02', description: 'Hết sinh phẩm' }]);
  });

  it("lists the point's own phones, not the organization's", () => {
    expect(real[0]?.phones).toEqual([
      { number: '0209 000 0001', description: 'Trực ban' },
      { number: '0209 000 0002', description: null },
    ]);
  });

  it('gives each service its cost kinds in the shared order, without expired options', () => {
    const [counselling, testing] = real[0]?.services ?? [];
    expect(counselling?.costs).toEqual(['free']);
    expect(testing?.costs).toEqual(['insurance', 'fee']);
  });

  it("gives each service its languages and the location's, Vietnamese first", () => {
    const [counselling, testing] = real[0]?.services ?? [];
    expect(counselling?.languages).toEqual(['vi', 'en', 'tyz']);
    expect(testing?.languages).toEqual(['en']);
  });

  it('keeps age ranges', () => {
    const [counselling, testing] = real[0]?.services ?? [];
    expect([counselling?.minAge, counselling?.maxAge]).toEqual([null, null]);
    expect([testing?.minAge, testing?.maxAge]).toEqual([16, 60]);
  });

  it('never puts the notification e-mail in a point', async () => {
    const all = await loadDirectory(test.handle, { demo: true, now: NOW });
    const text = JSON.stringify(all);
    expect(text).not.toContain(SECRET_EMAIL);
    expect(text).not.toContain('demo@example.invalid');
    expect(text).not.toContain('notification');
  });

  it('gives the notification e-mails only through loadNotificationEmails, which the snapshot keeps apart', async () => {
    const emails = await loadNotificationEmails(test.handle);
    expect(emails.get(ids.location)).toBe(SECRET_EMAIL);
    expect(emails.has('11111111-1111-4111-8111-999999999999')).toBe(false);
    const snapshot = await loadDirectorySnapshot(test.handle, { demo: false, now: NOW });
    expect(snapshot.notificationEmails.get(ids.location)).toBe(SECRET_EMAIL);
    expect(JSON.stringify(snapshot.points)).not.toContain(SECRET_EMAIL);
  });

  it('hides demo rows unless asked for them, and always shows real ones', async () => {
    expect(real.map((point) => point.id)).toEqual([ids.location]);
    const withDemo = await loadDirectory(test.handle, { demo: true, now: NOW });
    expect(withDemo.map((point) => point.id).sort()).toEqual([ids.location, ids.demoLocation].sort());
    expect(withDemo.find((point) => point.id === ids.demoLocation)?.isDemo).toBe(true);
  });
});
