import { describe, expect, it } from 'vitest';
import { getCommune, listProvinces } from '#src/features/admin-units/index.ts';
import { demoDirectoryPoints, generateDemoDirectory } from '#src/features/directory/demo/generate.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { operatorKinds, serviceTypes } from '#src/features/lists/index.ts';
import { distanceKm } from '#src/lib/geo.ts';

const demo = generateDemoDirectory();
const points = demoDirectoryPoints(demo, new Date('2026-11-01T00:00:00Z'), '2026-11-01');

describe('the demo directory generator', () => {
  it('gives 3 to 6 points in every one of the 34 provinces', () => {
    const perProvince = new Map<string, number>();
    for (const location of demo.locations)
      perProvince.set(location.provinceCode, (perProvince.get(location.provinceCode) ?? 0) + 1);
    expect([...perProvince.keys()].sort()).toEqual(
      listProvinces()
        .map((province) => province.code)
        .sort(),
    );
    for (const count of perProvince.values()) {
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(6);
    }
  });

  it('offers every service type, and every operator kind but "other"', () => {
    expect(new Set(demo.services.map((service) => service.serviceType))).toEqual(new Set(serviceTypes.codes));
    expect(new Set(demo.organizations.map((organization) => organization.operatorKind))).toEqual(
      new Set(operatorKinds.codes.filter((kind) => kind !== 'other')),
    );
  });

  it('has methadone clinics in some provinces only', () => {
    const withMethadone = new Set(
      points.filter((point) => point.services.some((s) => s.type === 'methadone')).map((p) => p.provinceCode),
    );
    expect(withMethadone.size).toBeGreaterThan(5);
    expect(withMethadone.size).toBeLessThan(34);
  });

  it('is the same on every run, ids included', () => {
    expect(generateDemoDirectory()).toEqual(demo);
  });

  it('gives every row a distinct UUID', () => {
    const ids = Object.values(demo).flatMap((rows: readonly { id: string }[]) => rows.map((row) => row.id));
    expect(ids.every(isUuid)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks everything as demo, with notice addresses that can never receive mail', () => {
    expect(demo.locations.every((location) => location.isDemo)).toBe(true);
    expect(demo.services.every((service) => service.isDemo)).toBe(true);
    expect(demo.organizations.every((organization) => organization.isDemo)).toBe(true);
    expect(demo.locations.every((location) => location.notificationEmail.endsWith('@example.invalid'))).toBe(true);
    expect(demo.locations.every((location) => location.description.includes('dữ liệu minh họa'))).toBe(true);
  });

  it('gives phone numbers in the Vietnamese layout with a never-assigned 000 subscriber part', () => {
    for (const phone of demo.phones) expect(phone.number).toMatch(/^02\d{2} 000 \d{4}$/);
  });

  it('gives every point, service, phone and closure its text in English too, marked as demo', () => {
    const texts = [...demo.locations, ...demo.services, ...demo.phones, ...demo.closures];
    // Letters English never has: a text still (or partly) in Vietnamese.
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
    expect(texts.filter((row) => row.descriptionEn === '' || vietnamese.test(row.descriptionEn))).toEqual([]);
    expect([...demo.locations, ...demo.services].filter((row) => !row.descriptionEn.includes('demo data'))).toEqual([]);
  });

  it('speaks of people, never of "addicts", in English', () => {
    const english = [...demo.locations, ...demo.services, ...demo.phones, ...demo.closures].map(
      (row) => row.descriptionEn,
    );
    expect(english.filter((text) => /addict|abuser|junkie/i.test(text))).toEqual([]);
  });

  it('names points as people expect them', () => {
    const names = demo.locations.map((location) => location.name);
    expect(names.some((name) => /^Trạm Y tế (xã|phường|đặc khu) /.test(name))).toBe(true);
    expect(names.some((name) => /^Điểm tư vấn cộng đồng (xã|phường|đặc khu) /.test(name))).toBe(true);
    expect(names.some((name) => name.startsWith('Cơ sở điều trị methadone '))).toBe(true);
  });

  it('varies languages, ages, hours, closures and checks', () => {
    const languages = new Set(points.flatMap((point) => point.services.flatMap((service) => service.languages)));
    expect(languages).toContain('vi');
    expect(languages).toContain('en');
    expect(languages).toContain('km');
    expect(languages).toContain('hmn');
    const services = points.flatMap((point) => point.services);
    expect(services.some((service) => service.minAge !== null)).toBe(true);
    expect(services.some((service) => service.maxAge !== null)).toBe(true);
    expect(services.some((service) => service.hours.length > 0)).toBe(true);
    // Office hours with the lunch break, Saturday mornings, and round-the-clock facilities.
    expect(
      points.some((point) => point.hours.some((h) => h.weekday === 1 && h.opens === 450 && h.closes === 690)),
    ).toBe(true);
    expect(
      points.some((point) => point.hours.some((h) => h.weekday === 1 && h.opens === 810 && h.closes === 1020)),
    ).toBe(true);
    expect(
      points.some((point) => point.hours.some((h) => h.weekday === 6 && h.opens === 450 && h.closes === 690)),
    ).toBe(true);
    expect(
      points.some((point) => point.hours.length === 7 && point.hours.every((h) => h.opens === 0 && h.closes === 1440)),
    ).toBe(true);
    expect(points.some((point) => point.status === 'temporarily closed')).toBe(true);
    expect(points.some((point) => point.closures.length > 0)).toBe(true);
    expect(points.some((point) => point.checkedOn !== null)).toBe(true);
    expect(points.some((point) => point.checkedOn === null)).toBe(true);
  });

  it('places each point within a few hundred metres of its commune interior point', () => {
    for (const location of demo.locations) {
      const commune = getCommune(location.communeCode);
      expect(commune?.provinceCode).toBe(location.provinceCode);
      if (commune !== undefined) {
        expect(distanceKm(commune, { lat: location.latitude, lon: location.longitude })).toBeLessThan(0.5);
      }
    }
  });

  it('scales to a national-size directory for the benchmark, in every province', () => {
    const big = generateDemoDirectory({ totalPoints: 2_000 });
    expect(big.locations).toHaveLength(2_000);
    expect(new Set(big.locations.map((location) => location.provinceCode)).size).toBe(34);
  });
});
