/**
 * The nearest-suitable search on the hand-made fixture (tests/fixtures/directory/fixture-points.ts). Every expected
 * answer is worked out by hand in the comments: which points qualify, which tier applies, and distances from the
 * interior points in units.json with the haversine formula (R = 6,371.0 km), rounded to 0.1 km.
 */
import { describe, expect, it } from 'vitest';
import type { DirectoryPoint, PointService } from '#src/features/directory/types.ts';
import { servicesForHelp } from '#src/features/lists/index.ts';
import {
  findNearestSuitable,
  InvalidPositionError,
  type NearestAnswer,
  type NearestQuery,
  UnknownCommuneError,
} from '#src/features/locator/nearest.ts';
import { at, fixture, fixturePoints } from '../../fixtures/directory/fixture-points.ts';

const PHU_QUOC = '31078';
const HA_TIEN = '30769';
const RACH_GIA = '30742';
const BA_BE = '01906';
const BAC_KAN = '01843';
const HAI_CHAU = '20242';
const HOI_AN = '20410';
const HOAN_KIEM = '00070';
const BA_DINH = '00004';

function search(
  query: Omit<NearestQuery, 'now'> & { now?: Date },
  points: readonly DirectoryPoint[] = fixturePoints,
): NearestAnswer {
  return findNearestSuitable(points, { now: at.weekdayMorning, ...query });
}

const names = (answer: NearestAnswer) => answer.results.map((result) => result.point.name);

describe('findNearestSuitable: the fallback tiers', () => {
  it('answers from the origin commune when it has a suitable point', () => {
    // Phú Quốc has one methadone point, AG1, placed at the commune's interior point itself → in-commune, 0 km.
    const answer = search({ origin: { kind: 'commune', communeCode: PHU_QUOC }, serviceTypes: ['methadone'] });
    expect(answer.reason).toBe('in-commune');
    expect(names(answer)).toEqual([fixture.phuQuocMethadone.name]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(0, 6);
    expect(answer.origin).toEqual({ lat: 10.30418, lon: 103.99955, communeCode: PHU_QUOC, provinceCode: '91' });
  });

  it('falls back to the nearest points of the province when the commune has none', () => {
    // Post-rehab support in Phú Quốc: AG1 and AG2 do not offer it → none in the commune. In An Giang: Hà Tiên (AG4,
    // 53.2 km away) offers it but is temporarily closed, so it is not a candidate; Rạch Giá (AG3) remains:
    // Δlat −0.330°, Δlon +1.113° at ~10° N → 127.2 km.
    const answer = search({ origin: { kind: 'commune', communeCode: PHU_QUOC }, serviceTypes: ['post-rehab-support'] });
    expect(answer.reason).toBe('nearest-in-province');
    expect(names(answer)).toEqual([fixture.rachGiaCommunity.name]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(127.2, 0);
  });

  it('falls back to the nearest points anywhere when the province has none, nearest first', () => {
    // Methadone from Ba Bể: Thái Nguyên has no methadone point. Anywhere: Ba Đình (HN3) 158.0 km, Thanh Khê (DN2)
    // 758.4 km, Phú Quốc (AG1) 1,360.8 km.
    const answer = search({ origin: { kind: 'commune', communeCode: BA_BE }, serviceTypes: ['methadone'] });
    expect(answer.reason).toBe('nearest-anywhere');
    expect(names(answer)).toEqual([
      fixture.baDinhMethadone.name,
      fixture.thanhKheMethadone.name,
      fixture.phuQuocMethadone.name,
    ]);
    expect(answer.results.map((result) => Math.round(result.distanceKm))).toEqual([158, 758, 1361]);
  });

  it('crosses the country for a rare service: a rehab facility from Phú Quốc', () => {
    // An Giang has no rehab facility. Liên Chiểu, Đà Nẵng (DN4) is 780.9 km away; Chợ Mới, Thái Nguyên (TN3) 1,301.7 km.
    const answer = search({ origin: { kind: 'commune', communeCode: PHU_QUOC }, serviceTypes: ['rehab-facility'] });
    expect(answer.reason).toBe('nearest-anywhere');
    expect(names(answer)).toEqual([fixture.daNangRehab.name, fixture.thaiNguyenRehab.name]);
  });

  it('answers none when no active point anywhere offers the service', () => {
    // Mental health: only Hải Châu (DN1) lists it, and that service is inactive.
    const answer = search({ origin: { kind: 'commune', communeCode: HAI_CHAU }, serviceTypes: ['mental-health'] });
    expect(answer.reason).toBe('none');
    expect(answer.results).toEqual([]);
    expect(answer.origin.communeCode).toBe(HAI_CHAU);
  });

  it('takes any service type when none is asked for', () => {
    // Everything in Hoàn Kiếm: HN1 and HN2 (same place).
    const answer = search({ origin: { kind: 'commune', communeCode: HOAN_KIEM } });
    expect(answer.reason).toBe('in-commune');
    expect(answer.results).toHaveLength(2);
  });
});

describe('findNearestSuitable: what is never a candidate', () => {
  it('leaves out a temporarily closed point even in the origin commune', () => {
    // Counselling from Hà Tiên: AG4 is in the commune but temporarily closed. In An Giang, counselling is offered only
    // by AG2 (Phú Quốc, 59.8 km); AG3 is a consultation point, another type.
    const answer = search({ origin: { kind: 'commune', communeCode: HA_TIEN }, serviceTypes: ['counselling'] });
    expect(answer.reason).toBe('nearest-in-province');
    expect(names(answer)).toEqual([fixture.phuQuocHealth.name]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(59.8, 0);
  });

  it('leaves out an inactive point and an inactive service', () => {
    const inactive: DirectoryPoint = { ...fixture.hoanKiemHealth, id: 'inactive-point', status: 'inactive' };
    const answer = search({ origin: { kind: 'commune', communeCode: HOAN_KIEM }, serviceTypes: ['counselling'] }, [
      inactive,
      fixture.baDinhMethadone,
    ]);
    // The inactive twin of HN2 is skipped; Ba Đình's counselling (HN3) is in another commune: 1.4 km.
    expect(answer.reason).toBe('nearest-in-province');
    expect(names(answer)).toEqual([fixture.baDinhMethadone.name]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(1.4, 0);
  });

  it('lists only the services that match, in the order of the requested types', () => {
    // Ba Đình's methadone clinic offers methadone and counselling; asked counselling first, it lists them so.
    const answer = search({
      origin: { kind: 'commune', communeCode: BA_DINH },
      serviceTypes: ['counselling', 'methadone'],
    });
    expect(answer.results[0]?.matchedServices.map((service) => service.type)).toEqual(['counselling', 'methadone']);
    const onlyMethadone = search({ origin: { kind: 'commune', communeCode: BA_DINH }, serviceTypes: ['methadone'] });
    expect(onlyMethadone.results[0]?.matchedServices.map((service) => service.type)).toEqual(['methadone']);
  });
});

describe('findNearestSuitable: filters', () => {
  it('free: skips a point whose matching service charges a fee', () => {
    // Counselling in Hội An: DN3 charges a fee. With `free`, the nearest free counselling in Đà Nẵng is Hải Châu (DN1),
    // 25.5 km; without it, DN3 in the commune.
    const origin = { kind: 'commune', communeCode: HOI_AN } as const;
    expect(names(search({ origin, serviceTypes: ['counselling'] }))).toEqual([fixture.hoiAnYouth.name]);
    const free = search({ origin, serviceTypes: ['counselling'], filters: { free: true } });
    expect(free.reason).toBe('nearest-in-province');
    expect(names(free)).toEqual([fixture.haiChauHealth.name]);
    expect(free.results[0]?.distanceKm).toBeCloseTo(25.5, 0);
  });

  it('language: finds a Khmer-speaking point, passing over a Vietnamese and English one', () => {
    // Counselling-type help (consultation point or counselling) in Khmer from Phú Quốc: AG2 speaks vi and en only;
    // in An Giang, Rạch Giá's consultation point (AG3) speaks km: 127.2 km.
    const origin = { kind: 'commune', communeCode: PHU_QUOC } as const;
    const khmer = search({ origin, serviceTypes: servicesForHelp.counselling, filters: { language: 'km' } });
    expect(khmer.reason).toBe('nearest-in-province');
    expect(names(khmer)).toEqual([fixture.rachGiaCommunity.name]);
    // In English, AG2 in the commune answers; the code is matched whatever its case.
    const english = search({ origin, serviceTypes: servicesForHelp.counselling, filters: { language: 'EN' } });
    expect(english.reason).toBe('in-commune');
    expect(names(english)).toEqual([fixture.phuQuocHealth.name]);
  });

  it('language: counts a service listing no language as Vietnamese', () => {
    // Bắc Kạn's consultation point (TN2) lists no language.
    const origin = { kind: 'commune', communeCode: BAC_KAN } as const;
    expect(names(search({ origin, serviceTypes: ['consultation-point'], filters: { language: 'vi' } }))).toEqual([
      fixture.bacKanCommunity.name,
    ]);
    // In Tày, the only Tày-speaking point is Ba Bể's health station (TN1), counselling, 45.3 km away in Thái Nguyên.
    const tay = search({ origin, serviceTypes: servicesForHelp.counselling, filters: { language: 'tyz' } });
    expect(tay.reason).toBe('nearest-in-province');
    expect(names(tay)).toEqual([fixture.baBeHealth.name]);
    expect(tay.results[0]?.distanceKm).toBeCloseTo(45.3, 0);
  });

  it('age: keeps a service only when the age is inside its range, both ends included', () => {
    // DN3 in Hội An counsels ages 12–24. Age 24 (the upper end) fits; age 25 does not, and Hải Châu (DN1, no limit)
    // answers from the province.
    const origin = { kind: 'commune', communeCode: HOI_AN } as const;
    expect(names(search({ origin, serviceTypes: ['counselling'], filters: { age: 24 } }))).toEqual([
      fixture.hoiAnYouth.name,
    ]);
    expect(names(search({ origin, serviceTypes: ['counselling'], filters: { age: 12 } }))).toEqual([
      fixture.hoiAnYouth.name,
    ]);
    expect(names(search({ origin, serviceTypes: ['counselling'], filters: { age: 25 } }))).toEqual([
      fixture.haiChauHealth.name,
    ]);
  });

  it('age: answers none when every methadone service starts at 16 and the person is 15', () => {
    const answer = search({
      origin: { kind: 'commune', communeCode: BA_DINH },
      serviceTypes: ['methadone'],
      filters: { age: 15 },
    });
    expect(answer.reason).toBe('none');
  });

  it('applies the filters to one and the same service', () => {
    // A point with free counselling in Vietnamese and paid counselling in English: "free and in English" holds for
    // neither service, so the point does not qualify (and nothing else in the list offers counselling).
    const service = (id: string, costs: PointService['costs'], languages: string[]): PointService => ({
      id,
      type: 'counselling',
      name: id,
      description: '',
      status: 'active',
      costs,
      languages,
      minAge: null,
      maxAge: null,
      hours: [],
    });
    const mixed: DirectoryPoint = {
      ...fixture.hoiAnYouth,
      services: [service('free-vi', ['free'], ['vi']), service('fee-en', ['fee'], ['en'])],
    };
    const origin = { kind: 'commune', communeCode: HOI_AN } as const;
    expect(search({ origin, filters: { free: true, language: 'en' } }, [mixed]).reason).toBe('none');
    const freeInVietnamese = search({ origin, filters: { free: true, language: 'vi' } }, [mixed]);
    expect(freeInVietnamese.results[0]?.matchedServices.map((matched) => matched.id)).toEqual(['free-vi']);
  });
});

describe('findNearestSuitable: open now (Vietnam time, with a fixed instant)', () => {
  const baBe = { kind: 'commune', communeCode: BA_BE } as const;
  const help = servicesForHelp.counselling;

  it('on a weekday morning, the commune health station is open', () => {
    // Tuesday 17 March 2026, 09:00: TN1 (office hours) is open.
    const answer = search({ origin: baBe, serviceTypes: help, filters: { openNow: true }, now: at.weekdayMorning });
    expect(answer.reason).toBe('in-commune');
    expect(names(answer)).toEqual([fixture.baBeHealth.name]);
    expect(answer.results[0]?.openNow).toBe(true);
  });

  it('at lunch, only the 24/7 facility of the province is open', () => {
    // 12:00 is inside the 11:30–13:30 break: TN1 and Bắc Kạn (TN2) are closed; Chợ Mới's facility (TN3, counselling
    // for adults, 24/7) is open, 66.2 km away.
    const answer = search({ origin: baBe, serviceTypes: help, filters: { openNow: true }, now: at.lunchBreak });
    expect(answer.reason).toBe('nearest-in-province');
    expect(names(answer)).toEqual([fixture.thaiNguyenRehab.name]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(66.2, 0);
    // Without the filter TN1 is still the answer, marked closed.
    const unfiltered = search({ origin: baBe, serviceTypes: help, now: at.lunchBreak });
    expect(names(unfiltered)).toEqual([fixture.baBeHealth.name]);
    expect(unfiltered.results[0]?.openNow).toBe(false);
  });

  it('on a Sunday, offices are closed', () => {
    const answer = search({ origin: baBe, serviceTypes: help, filters: { openNow: true }, now: at.sundayMorning });
    expect(names(answer)).toEqual([fixture.thaiNguyenRehab.name]);
  });

  it('on the first day of Tết, a weekday, office-hours points are closed but round-the-clock ones are not', () => {
    // 17 February 2026 is a Tuesday and mùng 1 Tết: TN1's office hours do not apply; TN3 (every day) stays open.
    const answer = search({ origin: baBe, serviceTypes: help, filters: { openNow: true }, now: at.tet });
    expect(names(answer)).toEqual([fixture.thaiNguyenRehab.name]);
    // A methadone clinic dispensing every day stays open on Tết too: Ba Đình (HN3) from Hoàn Kiếm, 1.4 km.
    const methadone = search({
      origin: { kind: 'commune', communeCode: HOAN_KIEM },
      serviceTypes: ['methadone'],
      filters: { openNow: true },
      now: at.tet,
    });
    expect(names(methadone)).toEqual([fixture.baDinhMethadone.name]);
  });

  it('on a closure day, the point is closed although its weekly hours say open', () => {
    // Tuesday 10 March 2026, 09:00: TN1 is closed for training (10–11 March). It is office hours, so the province's
    // points open now are Bắc Kạn's consultation point (TN2, 45.3 km) and Chợ Mới's facility (TN3, 66.2 km).
    const answer = search({ origin: baBe, serviceTypes: help, filters: { openNow: true }, now: at.closureDay });
    expect(answer.reason).toBe('nearest-in-province');
    expect(names(answer)).toEqual([fixture.bacKanCommunity.name, fixture.thaiNguyenRehab.name]);
    const unfiltered = search({ origin: baBe, serviceTypes: help, now: at.closureDay });
    expect(unfiltered.results[0]?.openNow).toBe(false);
  });

  it("uses a service's own hours when it has them", () => {
    // HIV testing at Hải Châu (DN1) runs Tuesday and Thursday mornings only, though the station is open all week.
    const origin = { kind: 'commune', communeCode: HAI_CHAU } as const;
    const tuesday = search({
      origin,
      serviceTypes: ['hiv-hepatitis-testing'],
      filters: { openNow: true },
      now: at.weekdayMorning,
    });
    expect(names(tuesday)).toEqual([fixture.haiChauHealth.name]);
    // On Wednesday it is closed; no other HIV testing in Đà Nẵng; anywhere, Phú Quốc's clinic (AG1) tests every
    // day: 787.7 km.
    const wednesday = search({
      origin,
      serviceTypes: ['hiv-hepatitis-testing'],
      filters: { openNow: true },
      now: at.wednesdayMorning,
    });
    expect(wednesday.reason).toBe('nearest-anywhere');
    expect(names(wednesday)).toEqual([fixture.phuQuocMethadone.name]);
    expect(wednesday.results[0]?.distanceKm).toBeCloseTo(787.7, 0);
  });
});

describe('findNearestSuitable: ties', () => {
  const hoanKiem = { kind: 'commune', communeCode: HOAN_KIEM } as const;
  const help = servicesForHelp.counselling;

  it('puts the more recently checked listing first when both are as near and both open', () => {
    // HN1 and HN2 sit at the same place; at 09:00 on a Tuesday both are open; HN1 was checked on 2026-09-15, HN2 on
    // 2026-05-01.
    const answer = search({ origin: hoanKiem, serviceTypes: help, now: at.weekdayMorning });
    expect(names(answer)).toEqual([fixture.hoanKiemCommunity.name, fixture.hoanKiemHealth.name]);
  });

  it('puts the open one first, before a more recently checked closed one', () => {
    // Saturday 08:00: only HN2 opens on Saturday mornings.
    const answer = search({ origin: hoanKiem, serviceTypes: help, now: at.saturdayMorning });
    expect(names(answer)).toEqual([fixture.hoanKiemHealth.name, fixture.hoanKiemCommunity.name]);
    expect(answer.results.map((result) => result.openNow)).toEqual([true, false]);
  });

  it('then orders by name, then by id', () => {
    const base = fixture.hoanKiemCommunity;
    const second: DirectoryPoint = {
      ...base,
      id: '00000000-0000-4000-8000-000000000099',
      name: `${base.name} (cơ sở 2)`,
    };
    const twinLowId: DirectoryPoint = { ...base, id: '00000000-0000-4000-8000-000000000001' };
    const answer = search({ origin: hoanKiem, serviceTypes: help }, [second, base, twinLowId]);
    // Same distance, all open, same checkedOn: "…Hoàn Kiếm" before "…Hoàn Kiếm (cơ sở 2)"; the two with the same name
    // by id (…0001 before …0031).
    expect(answer.results.map((result) => result.point.id)).toEqual([twinLowId.id, base.id, second.id]);
  });

  it('counts distances within the same tenth of a kilometre as a tie, and a farther tenth as farther', () => {
    const base = fixture.hoanKiemHealth; // checked 2026-05-01
    // 0.0003° north is 33 m: rounds to 0.0 km like the origin itself, so the better-checked one wins.
    const near = { ...base, id: 'near', lat: 21.0323, checkedOn: '2026-10-01' };
    // 0.002° north is 222 m: 0.2 km, farther, whatever its checkedOn.
    const farther = { ...base, id: 'farther', lat: 21.034, checkedOn: '2026-11-01' };
    const answer = search({ origin: hoanKiem, serviceTypes: ['counselling'] }, [base, farther, near]);
    expect(answer.results.map((result) => result.point.id)).toEqual(['near', base.id, 'farther']);
  });

  it('gives the same answer whatever the order of the points', () => {
    const forward = search({ origin: hoanKiem }, [...fixturePoints]);
    const backward = search({ origin: hoanKiem }, [...fixturePoints].reverse());
    expect(names(forward)).toEqual(names(backward));
  });
});

describe('findNearestSuitable: origins and limits', () => {
  it('places a position in the commune whose interior point is nearest', () => {
    // (15.88, 108.33) is 0.9 km from Hội An's interior point, 2.4 km from Hội An Tây's, 3.9 km from Hội An Đông's.
    // Counselling there: DN3, at Hội An's interior point, 0.9 km from the position.
    const answer = search({ origin: { kind: 'position', lat: 15.88, lon: 108.33 }, serviceTypes: ['counselling'] });
    expect(answer.origin).toEqual({ lat: 15.88, lon: 108.33, communeCode: HOI_AN, provinceCode: '48' });
    expect(answer.reason).toBe('in-commune');
    expect(names(answer)).toEqual([fixture.hoiAnYouth.name]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(0.9, 1);
  });

  it('searches the whole country from a position outside Vietnam', () => {
    // Singapore (1.29, 103.85) is over 800 km from any commune: no commune or province. Methadone nearest to it:
    // Phú Quốc (AG1) 1,002.5 km, before Thanh Khê 1,710.6 km and Ba Đình 2,206.3 km.
    const answer = search({ origin: { kind: 'position', lat: 1.29, lon: 103.85 }, serviceTypes: ['methadone'] });
    expect(answer.origin).toEqual({ lat: 1.29, lon: 103.85, communeCode: null, provinceCode: null });
    expect(answer.reason).toBe('nearest-anywhere');
    expect(names(answer)[0]).toBe(fixture.phuQuocMethadone.name);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(1002.5, 0);
  });

  it('returns at most `limit` results, and the reason does not depend on it', () => {
    const origin = { kind: 'commune', communeCode: BA_BE } as const;
    expect(names(search({ origin, serviceTypes: ['methadone'], limit: 2 }))).toEqual([
      fixture.baDinhMethadone.name,
      fixture.thanhKheMethadone.name,
    ]);
    const none = search({ origin, serviceTypes: ['methadone'], limit: 0 });
    expect(none.results).toEqual([]);
    expect(none.reason).toBe('nearest-anywhere');
    expect(search({ origin, serviceTypes: ['methadone'], limit: Number.POSITIVE_INFINITY }).results).toHaveLength(3);
  });

  it('places a point without coordinates at its commune interior point', () => {
    const unplaced: DirectoryPoint = { ...fixture.rachGiaCommunity, lat: null, lon: null };
    const answer = search({ origin: { kind: 'commune', communeCode: RACH_GIA } }, [unplaced]);
    expect(answer.results[0]?.distanceKm).toBeCloseTo(0, 6);
  });

  it('refuses an unknown commune code and an impossible position', () => {
    expect(() => search({ origin: { kind: 'commune', communeCode: '99999' } })).toThrow(UnknownCommuneError);
    expect(() => search({ origin: { kind: 'position', lat: 91, lon: 0 } })).toThrow(InvalidPositionError);
    expect(() => search({ origin: { kind: 'position', lat: Number.NaN, lon: 105 } })).toThrow(InvalidPositionError);
  });
});
