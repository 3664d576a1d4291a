/**
 * Where a request goes (issue 19, item 4): up to three suitable points within reach (the province, or 50 km), nearest
 * first; for counselling a health or community point is suggested over a closed or police-run facility; a chosen
 * point is accepted only when it was offered for that place and help.
 */
import { describe, expect, it } from 'vitest';
import { demoDirectoryPoints, generateDemoDirectory } from '#src/features/directory/demo/generate.ts';
import { getCommune } from '#src/features/admin-units/index.ts';
import { distanceKmBetween } from '#src/lib/geo.ts';
import { MAX_OFFERS, REACH_KM, routeRequest } from '#src/features/intake/routing.server.ts';
import { at, fixture, fixturePoints } from '../../fixtures/directory/fixture-points.ts';

const CHO_MOI = '02086';
const demoPoints = demoDirectoryPoints(generateDemoDirectory(), new Date('2026-12-01T00:00:00Z'), '2026-12-01');
const chợMới = { place: { kind: 'commune', communeCode: CHO_MOI } as const, helpWanted: 'counselling' as const };

function routed(result: ReturnType<typeof routeRequest>) {
  if (result.kind !== 'routed') throw new Error(`expected routed, got ${result.kind}`);
  return result;
}

describe('the points a requester may choose among', () => {
  it('in the demo directory, Chợ Mới (former Bắc Kạn) asking for counselling: the police-run facility is offered but not suggested', () => {
    const route = routed(routeRequest(demoPoints, chợMới, at.weekdayMorning));
    const { offers, suggestedId, openDoor } = route.choice;
    expect(offers.length).toBeGreaterThan(1);
    expect(offers.length).toBeLessThanOrEqual(MAX_OFFERS);
    // The nearest is the province's police-run rehab facility: offered, but the suggestion is a health/community point.
    expect(offers[0]?.point.operatorKind).toBe('police-facility');
    const suggested = offers.find((offer) => offer.point.id === suggestedId);
    expect(suggested?.point.operatorKind).toMatch(/^(health-station|health-facility|community-point)$/);
    expect(openDoor).toBe(true);
    // Without a choice, the request goes to the suggestion.
    expect(route.decision.point.id).toBe(suggestedId);
    // Nearest first, each in the province or within 50 km.
    const distances = offers.map((offer) => offer.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    for (const offer of offers) {
      expect(offer.point.provinceCode === '19' || offer.distanceKm <= REACH_KM).toBe(true);
      expect(offer.helpWanted).toBe('counselling');
    }
  });

  it('sends the request to another offered point when the requester chooses it, with where it is as the reason', () => {
    const { choice } = routed(routeRequest(demoPoints, chợMới, at.weekdayMorning));
    for (const offer of choice.offers) {
      const route = routed(routeRequest(demoPoints, { ...chợMới, pointId: offer.point.id }, at.weekdayMorning));
      expect(route.decision).toEqual(offer);
      expect(route.decision.reason).toBe(offer.point.communeCode === CHO_MOI ? 'in-commune' : 'nearest-in-province');
    }
  });

  it('refuses a point that was not offered for this place and help: a forged id, a point elsewhere, a point without the service', () => {
    const { choice } = routed(routeRequest(demoPoints, chợMới, at.weekdayMorning));
    const offered = new Set(choice.offers.map((offer) => offer.point.id));
    const elsewhere = demoPoints.find((point) => point.provinceCode === '79');
    const methadoneOnly = routed(
      routeRequest(demoPoints, { ...chợMới, helpWanted: 'methadone' }, at.weekdayMorning),
    ).choice.offers.find((offer) => !offered.has(offer.point.id));
    for (const id of ['00000000-0000-4000-8000-000000000000', 'forged', elsewhere?.id, methadoneOnly?.point.id]) {
      if (id === undefined) continue;
      const result = routeRequest(demoPoints, { ...chợMới, pointId: id }, at.weekdayMorning);
      expect(result).toEqual({ kind: 'not-offered', choice });
    }
  });

  it('keeps today’s routing when the usual point is a health or community point (the fixture’s Hoàn Kiếm)', () => {
    const route = routed(
      routeRequest(fixturePoints, { place: { kind: 'commune', communeCode: '00070' }, helpWanted: 'counselling' }),
    );
    expect(route.decision.point.id).toBe(fixture.hoanKiemCommunity.id);
    expect(route.decision.reason).toBe('in-commune');
    expect(route.choice.openDoor).toBe(false);
    // Both Hoàn Kiếm points and Ba Đình's methadone clinic (which also counsels), nearest first.
    expect(route.choice.offers.map((offer) => offer.point.id)).toEqual([
      fixture.hoanKiemCommunity.id,
      fixture.hoanKiemHealth.id,
      fixture.baDinhMethadone.id,
    ]);
  });

  it('in the fixture, Chợ Mới’s own police-run facility is passed over for the nearest health or community point', () => {
    const route = routed(routeRequest(fixturePoints, chợMới, at.weekdayMorning));
    expect(route.choice.offers.map((offer) => offer.point.id)).toContain(fixture.thaiNguyenRehab.id);
    expect(route.decision.point.operatorKind).not.toBe('police-facility');
    expect(route.choice.openDoor).toBe(true);
    // Other kinds of help keep the usual rule: voluntary rehab goes to the community point, the only one that offers it.
    const rehab = routed(routeRequest(fixturePoints, { ...chợMới, helpWanted: 'voluntary-rehab' }, at.weekdayMorning));
    expect(rehab.choice.openDoor).toBe(false);
    expect(rehab.decision.point.id).toBe(fixture.bacKanCommunity.id);
  });

  it('offers a point of another province only within 50 km, and the nearest anywhere when nothing is within reach', () => {
    // Hội An (Đà Nẵng) asking for methadone: Thanh Khê's clinic, in the same province.
    const hoiAn = routed(
      routeRequest(fixturePoints, { place: { kind: 'commune', communeCode: '20410' }, helpWanted: 'methadone' }),
    );
    expect(hoiAn.choice.offers.map((offer) => offer.point.id)).toEqual([fixture.thanhKheMethadone.id]);
    // Ba Bể (Thái Nguyên) asking for methadone: none in the province, none within 50 km: the nearest anywhere alone.
    const baBe = routed(
      routeRequest(fixturePoints, { place: { kind: 'commune', communeCode: '01906' }, helpWanted: 'methadone' }),
    );
    expect(baBe.choice.offers).toHaveLength(1);
    expect(baBe.decision.reason).toBe('nearest-anywhere');
    const commune = getCommune('01906')!;
    const [only] = baBe.choice.offers;
    const point = fixturePoints.find((p) => p.id === only?.point.id)!;
    expect(distanceKmBetween(commune.lat, commune.lon, point.lat!, point.lon!)).toBeGreaterThan(REACH_KM);
  });
});
