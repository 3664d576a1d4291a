/**
 * Routing: the help wanted selects service types (`servicesForHelp`), and the nearest-suitable module finds the points
 * for the requester's commune or position. The requester then chooses where the request goes:
 *
 * - **Offers**: up to {@link MAX_OFFERS} suitable points within reach (the origin's province, or another province at
 *   most {@link REACH_KM} km away), nearest first. When nothing is within reach, the one point today's rules find
 *   anywhere in the country (a rare service such as methadone).
 * - **The suggestion** (checked on the preview): the point today's rules pick (in the commune, else the nearest in the
 *   province, else the nearest anywhere), except for counselling, where a health or community point within reach is
 *   suggested over a closed (residential rehab) or police-run facility: a parent asking how to talk to a 16-year-old
 *   should not be sent to a police facility by default when a health station offers counselling 30 km away.
 * - **The choice**: a point id the requester sends is accepted only when it is one of the offers for that place and
 *   help (computed again at send time); anything else is refused, never silently replaced.
 *
 * The decision (point, reason, distance) is stored with the case. The reason says where the chosen point is: in the
 * origin's commune, in its province, or outside it.
 */
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import { servicesForHelp, type HelpWanted } from '#src/features/lists/index.ts';
import {
  findNearestSuitable,
  findSuitableWithinReach,
  type NearestAnswer,
  type NearestResult,
  type Origin,
} from '#src/features/locator/nearest.ts';
import type { IntakePlace } from './schema.ts';
import type { PointChoice, RoutedPoint, RoutingDecision, RoutingReason } from './types.ts';

/** Most points a requester is offered. */
export const MAX_OFFERS = 3;

/** How far outside the origin's province an offered point may be, in km. */
export const REACH_KM = 50;

/** What routing found: the chosen (or suggested) point and the offers, the chosen point not offered, or none. */
export type RouteResult =
  | {
      kind: 'routed';
      /** The chosen point (or the suggested one when none was chosen): one of `choice.offers`. */
      decision: RoutingDecision;
      choice: PointChoice;
      communeCode: string | null;
      provinceCode: string | null;
    }
  | { kind: 'not-offered'; choice: PointChoice }
  | { kind: 'no-point'; provinceCode: string | null };

/** The public face of a point, as the requester sees it before and after sending. */
export function toRoutedPoint(point: DirectoryPoint): RoutedPoint {
  return {
    id: point.id,
    name: point.name,
    operatorKind: point.organization.operatorKind,
    organizationName: point.organization.name,
    provinceCode: point.provinceCode,
    communeCode: point.communeCode,
    phones: point.phones.map((phone) => phone.number),
    address: point.address,
    isDemo: point.isDemo,
  };
}

/** The origin of a search for a place. */
export function originOf(place: IntakePlace): Origin {
  return place.kind === 'commune'
    ? { kind: 'commune', communeCode: place.communeCode }
    : { kind: 'position', lat: place.lat, lon: place.lon };
}

/**
 * A point a parent or a young person asking for counselling can walk into without fear: run by the health sector or
 * the community, and not a closed residential facility (a point offering a rehab-facility service).
 */
export function isOpenDoorForCounselling(point: DirectoryPoint): boolean {
  const kind = point.organization.operatorKind;
  if (kind !== 'health-station' && kind !== 'health-facility' && kind !== 'community-point') return false;
  return !point.services.some((service) => service.status === 'active' && service.type === 'rehab-facility');
}

/** Routes a (validated) request over the directory's points; `pointId` is the requester's choice, if any. Pure. */
export function routeRequest(
  points: readonly DirectoryPoint[],
  request: { place: IntakePlace; helpWanted: HelpWanted; pointId?: string | null },
  now?: Date,
): RouteResult {
  const query = {
    origin: originOf(request.place),
    serviceTypes: servicesForHelp[request.helpWanted],
    ...(now === undefined ? {} : { now }),
  };
  const usual = findNearestSuitable(points, { ...query, limit: 1 });
  const [first] = usual.results;
  if (usual.reason === 'none' || first === undefined)
    return { kind: 'no-point', provinceCode: usual.origin.provinceCode };
  const reach = findSuitableWithinReach(points, { ...query, limit: Number.POSITIVE_INFINITY, radiusKm: REACH_KM });

  const usualPick: NearestResult = reach.results.find((result) => result.point.id === first.point.id) ?? first;
  let suggested = usualPick;
  if (request.helpWanted === 'counselling' && !isOpenDoorForCounselling(suggested.point)) {
    suggested = reach.results.find((result) => isOpenDoorForCounselling(result.point)) ?? suggested;
  }
  // The nearest within reach, the suggestion always among them, in the order found (nearest first).
  const chosen = reach.results.slice(0, MAX_OFFERS);
  if (!chosen.includes(suggested)) {
    if (chosen.length >= MAX_OFFERS) chosen.splice(MAX_OFFERS - 1, 1);
    chosen.push(suggested);
  }
  const order = (result: NearestResult) => {
    const at = reach.results.indexOf(result);
    return at === -1 ? Number.POSITIVE_INFINITY : at;
  };
  chosen.sort((a, b) => order(a) - order(b));
  const offers = chosen.map((result) => decisionOf(result, reasonFor(result.point, usual.origin), request.helpWanted));
  const choice: PointChoice = { offers, suggestedId: suggested.point.id, openDoor: suggested !== usualPick };

  const wanted = request.pointId ?? choice.suggestedId;
  const decision = offers.find((offer) => offer.point.id === wanted);
  if (decision === undefined) return { kind: 'not-offered', choice };
  return {
    kind: 'routed',
    decision,
    choice,
    communeCode: usual.origin.communeCode,
    provinceCode: usual.origin.provinceCode,
  };
}

/** Where a point is, seen from the origin: its commune, its province, or outside the province. */
function reasonFor(point: DirectoryPoint, origin: NearestAnswer['origin']): RoutingReason {
  if (origin.communeCode !== null && point.communeCode === origin.communeCode) return 'in-commune';
  if (origin.provinceCode !== null && point.provinceCode === origin.provinceCode) return 'nearest-in-province';
  return 'nearest-anywhere';
}

function decisionOf(result: NearestResult, reason: RoutingReason, helpWanted: HelpWanted): RoutingDecision {
  return {
    point: toRoutedPoint(result.point),
    reason,
    // One decimal: the distance is between a commune's interior point (or a rounded position) and the point anyway.
    distanceKm: Math.round(result.distanceKm * 10) / 10,
    helpWanted,
  };
}
