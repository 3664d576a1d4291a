/**
 * Routing: the help wanted selects service types (`servicesForHelp`), and the nearest-suitable module picks the point
 * for the requester's commune or position. The decision and its reason are stored with the case.
 */
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import { servicesForHelp, type HelpWanted } from '#src/features/lists/index.ts';
import { findNearestSuitable, type Origin } from '#src/features/locator/nearest.ts';
import type { IntakePlace } from './schema.ts';
import type { RoutedPoint, RoutingDecision } from './types.ts';

/** What routing found: a point (with the coarse place to store), or none anywhere. */
export type RouteResult =
  | { kind: 'routed'; decision: RoutingDecision; communeCode: string | null; provinceCode: string | null }
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

/** Routes a (validated) request over the directory's points. Pure. */
export function routeRequest(
  points: readonly DirectoryPoint[],
  request: { place: IntakePlace; helpWanted: HelpWanted },
  now?: Date,
): RouteResult {
  const answer = findNearestSuitable(points, {
    origin: originOf(request.place),
    serviceTypes: servicesForHelp[request.helpWanted],
    limit: 1,
    ...(now === undefined ? {} : { now }),
  });
  const [best] = answer.results;
  if (answer.reason === 'none' || best === undefined)
    return { kind: 'no-point', provinceCode: answer.origin.provinceCode };
  return {
    kind: 'routed',
    decision: {
      point: toRoutedPoint(best.point),
      reason: answer.reason,
      // One decimal: the distance is between a commune's interior point (or a rounded position) and the point anyway.
      distanceKm: Math.round(best.distanceKm * 10) / 10,
      helpWanted: request.helpWanted,
    },
    communeCode: answer.origin.communeCode,
    provinceCode: answer.origin.provinceCode,
  };
}
