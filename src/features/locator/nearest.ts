/**
 * The nearest suitable points for a place and a need: what the locator lists and what the intake routes a request to
 * (`results[0]`). Pure: it reads only the points it is given (the directory snapshot) and the admin-unit data, so it
 * runs in well under a millisecond on 10,000 points and is tested without a database.
 *
 * Which points are candidates: an `active` point with at least one `active` service of a requested type (any type when
 * none is requested) that also passes every filter. A filter applies to each service on its own, so "free" and
 * "speaks Khmer" must hold for the same service, not one each.
 *
 * Fallback rules (the reason says which applied, so a page can explain it and the intake can tell the requester):
 * 1. `in-commune`: candidates in the origin's own commune. Help close to home, in the unit that knows the area: a
 *    commune health station or community point follows its residents, so it comes first even when a point across a
 *    commune border is a little nearer as the crow flies.
 * 2. `nearest-in-province`: none in the commune, so candidates in the origin's province, nearest first. The province
 *    runs the services (health department, police, People's Committee) and its administrators follow the cases, so a
 *    request stays in the province even when a point in the next province is closer.
 * 3. `nearest-anywhere`: none in the province (a rare service such as methadone, or a position outside Vietnam), so the
 *    nearest candidates in the whole country, wherever they are.
 * 4. `none`: no candidate anywhere; `results` is empty and the caller offers the province's fallback point or a
 *    hotline instead.
 * Within the tier, results are sorted by distance from the origin point (see `compareResults` for ties).
 */
import { getCommune, getProvince } from '#src/features/admin-units/index.ts';
import { communeAt } from '#src/features/admin-units/nearest-commune.ts';
import type { DirectoryPoint, PointService } from '#src/features/directory/types.ts';
import type { ServiceType } from '#src/features/lists/index.ts';
import { AppError } from '#src/lib/errors.ts';
import { distanceKmBetween, isValidPosition } from './geo.ts';
import { isClosedOn, isOpenAtMoment, type LocalMoment, localMoment } from './opening-hours.ts';

/** Filters a person can set on the locator (also used by the intake). Each must hold for one and the same service. */
export interface LocatorFilters {
  /** Only services with a free-of-charge option (health insurance does not count: not everyone has it). */
  free?: boolean;
  /** Only services open at the query's `now`. */
  openNow?: boolean;
  /** ISO 639 code (e.g. `km`): only services given in that language. A service listing no language counts as `vi`. */
  language?: string;
  /** Age in whole years: only services whose age range includes it (an open end means no limit). */
  age?: number;
}

/** Where the search starts: a commune the person chose, or a (rounded) position from "use my location". */
export type Origin = { kind: 'commune'; communeCode: string } | { kind: 'position'; lat: number; lon: number };

/** A search. */
export interface NearestQuery {
  origin: Origin;
  /** Service types wanted (e.g. `servicesForHelp[help]`), best first; empty or absent means any type. */
  serviceTypes?: readonly ServiceType[];
  filters?: LocatorFilters;
  /** Most results; default {@link DEFAULT_LIMIT}; `Infinity` for all of the tier. */
  limit?: number;
  /** The instant for "open now" (from the caller's injected clock); default the current time. */
  now?: Date;
}

/** One point found. */
export interface NearestResult {
  point: DirectoryPoint;
  /** Great-circle distance from the origin point, in km (unrounded; pages show one decimal). */
  distanceKm: number;
  /** The point's services that answer the query (types and filters), in the order of the requested types. */
  matchedServices: readonly PointService[];
  /** At least one matched service is open at the query's instant. */
  openNow: boolean;
}

/** The answer: results of one fallback tier, the reason, and the origin as resolved. */
export interface NearestAnswer {
  results: readonly NearestResult[];
  /** why these results: points in the origin's own commune; none there so the nearest in its province; none in the province so the nearest anywhere; nothing matched at all */
  reason: 'in-commune' | 'nearest-in-province' | 'nearest-anywhere' | 'none';
  origin: { lat: number; lon: number; communeCode: string | null; provinceCode: string | null };
}

/** Results returned when the query sets no limit. */
export const DEFAULT_LIMIT = 10;

/** The origin names a commune code that does not exist (a caller's bug: codes come from the admin-unit search). */
export class UnknownCommuneError extends AppError {
  override name = 'UnknownCommuneError';
}

/** The origin position is not a valid latitude/longitude. */
export class InvalidPositionError extends AppError {
  override name = 'InvalidPositionError';
}

/**
 * The nearest suitable points for the query, by the fallback rules in the module comment. Throws
 * {@link UnknownCommuneError} or {@link InvalidPositionError} for an origin that cannot be placed.
 */
export function findNearestSuitable(points: readonly DirectoryPoint[], query: NearestQuery): NearestAnswer {
  const origin = resolveOrigin(query.origin);
  const index = pointIndex(points);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const search = new Search(query, origin, limit);

  if (origin.communeCode !== null) {
    search.scan(index.byCommune.get(origin.communeCode), null, null);
    if (search.found()) return search.answer('in-commune');
  }
  if (origin.provinceCode !== null) {
    // The commune's points were all just rejected: skip them instead of testing them again.
    search.scan(index.byProvince.get(origin.provinceCode), origin.communeCode, null);
    if (search.found()) return search.answer('nearest-in-province');
  }
  search.scan(index.all, origin.communeCode, origin.provinceCode);
  return search.answer(search.found() ? 'nearest-anywhere' : 'none');
}

type ResolvedOrigin = NearestAnswer['origin'];

function resolveOrigin(origin: Origin): ResolvedOrigin {
  if (origin.kind === 'commune') {
    const commune = getCommune(origin.communeCode);
    if (commune === undefined) throw new UnknownCommuneError(`Unknown commune code ${JSON.stringify(origin.communeCode)}`);
    return { lat: commune.lat, lon: commune.lon, communeCode: commune.code, provinceCode: commune.provinceCode };
  }
  if (!isValidPosition(origin.lat, origin.lon)) {
    throw new InvalidPositionError(`Not a valid position: ${String(origin.lat)}, ${String(origin.lon)}`);
  }
  // Approximate (nearest commune interior point); outside Vietnam there is no commune and the search goes straight
  // to the whole country.
  const commune = communeAt(origin.lat, origin.lon);
  return {
    lat: origin.lat,
    lon: origin.lon,
    communeCode: commune?.code ?? null,
    provinceCode: commune?.provinceCode ?? null,
  };
}

/** A point with the coordinates used for distances. */
interface Placed {
  readonly point: DirectoryPoint;
  readonly lat: number;
  readonly lon: number;
}

interface PointIndex {
  readonly all: readonly Placed[];
  readonly byCommune: ReadonlyMap<string, readonly Placed[]>;
  readonly byProvince: ReadonlyMap<string, readonly Placed[]>;
}

// One index per points array (the snapshot's array is reused until the directory changes); weak, so an old
// snapshot's index goes with it.
const indexes = new WeakMap<readonly DirectoryPoint[], PointIndex>();

function pointIndex(points: readonly DirectoryPoint[]): PointIndex {
  const cached = indexes.get(points);
  if (cached !== undefined) return cached;
  const all: Placed[] = [];
  const byCommune = new Map<string, Placed[]>();
  const byProvince = new Map<string, Placed[]>();
  for (const point of points) {
    const position = placeOf(point);
    if (position === undefined) continue;
    const placed: Placed = { point, lat: position.lat, lon: position.lon };
    all.push(placed);
    if (point.communeCode !== null) push(byCommune, point.communeCode, placed);
    push(byProvince, point.provinceCode, placed);
  }
  const index = { all, byCommune, byProvince };
  indexes.set(points, index);
  return index;
}

/**
 * Where a point is for distances: its own coordinates; without them (an import with no map position) its commune's
 * interior point, else its province's. A point whose province code is unknown cannot be placed and is left out.
 */
function placeOf(point: DirectoryPoint): { lat: number; lon: number } | undefined {
  if (point.lat !== null && point.lon !== null) return { lat: point.lat, lon: point.lon };
  const commune = point.communeCode === null ? undefined : getCommune(point.communeCode);
  if (commune !== undefined) return commune;
  return getProvince(point.provinceCode);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

interface Candidate extends NearestResult {
  /** The distance at the precision compared (tenths of a km). */
  readonly rank: number;
}

/** One search's state: the compiled query and the best candidates so far (sorted, at most `limit`). */
class Search {
  private readonly types: ReadonlyMap<ServiceType, number> | null;
  private readonly free: boolean;
  private readonly openNowOnly: boolean;
  private readonly language: string | undefined;
  private readonly age: number | undefined;
  private readonly moment: LocalMoment;
  private readonly best: Candidate[] = [];
  // Whether any candidate was seen, even with limit 0 (the reason must not depend on the limit).
  private seen = false;
  private readonly origin: ResolvedOrigin;
  private readonly limit: number;

  constructor(query: NearestQuery, origin: ResolvedOrigin, limit: number) {
    const types = query.serviceTypes ?? [];
    // Position in the requested list, to order matched services "best first" as servicesForHelp does.
    this.types = types.length === 0 ? null : new Map(types.map((type, position) => [type, position]));
    const filters = query.filters ?? {};
    this.free = filters.free === true;
    this.openNowOnly = filters.openNow === true;
    this.language = filters.language?.trim().toLowerCase() || undefined;
    this.age = filters.age;
    // Once per search: turning an instant into local date and time costs microseconds (Intl), points cost nanoseconds.
    this.moment = localMoment(query.now ?? new Date());
    this.origin = origin;
    this.limit = Math.max(0, limit);
  }

  found(): boolean {
    return this.seen;
  }

  /** Tests every point of `list`, skipping those in `skipCommune` / `skipProvince` (already rejected). */
  scan(list: readonly Placed[] | undefined, skipCommune: string | null, skipProvince: string | null): void {
    if (list === undefined) return;
    for (const placed of list) {
      const { point } = placed;
      if (point.status !== 'active') continue;
      if (skipProvince !== null && point.provinceCode === skipProvince) continue;
      if (skipCommune !== null && point.communeCode === skipCommune) continue;
      const matched = this.matchServices(point);
      if (matched === null) continue;
      this.seen = true;
      const distanceKm = distanceKmBetween(this.origin.lat, this.origin.lon, placed.lat, placed.lon);
      this.offer(point, distanceKm, matched);
    }
  }

  answer(reason: NearestAnswer['reason']): NearestAnswer {
    if (!Number.isFinite(this.limit)) this.best.sort(compareResults);
    const results = this.best.map(
      ({ point, distanceKm, matchedServices, openNow }): NearestResult => ({ point, distanceKm, matchedServices, openNow }),
    );
    return { results, reason, origin: this.origin };
  }

  /** The point's services answering the query, or null when none does. */
  private matchServices(point: DirectoryPoint): PointService[] | null {
    let matched: PointService[] | null = null;
    for (const service of point.services) {
      if (service.status !== 'active') continue;
      if (this.types !== null && !this.types.has(service.type)) continue;
      if (this.free && !service.costs.includes('free')) continue;
      if (this.language !== undefined && !speaks(service, this.language)) continue;
      if (this.age !== undefined && !ageFits(service, this.age)) continue;
      if (this.openNowOnly && !this.serviceOpen(point, service)) continue;
      (matched ??= []).push(service);
    }
    if (matched !== null && matched.length > 1 && this.types !== null) {
      const order = this.types;
      matched.sort((a, b) => (order.get(a.type) ?? 0) - (order.get(b.type) ?? 0));
    }
    return matched;
  }

  /** A service is open when its own hours (or the point's, when it has none of its own) are, and no closure of the
   * point or of the service covers the day. */
  private serviceOpen(point: DirectoryPoint, service: PointService): boolean {
    if (service.closures !== undefined && isClosedOn(service.closures, this.moment.date)) return false;
    return isOpenAtMoment(service.hours.length > 0 ? service.hours : point.hours, point.closures, this.moment);
  }

  /** Keeps the candidate if it is among the best `limit` so far (insertion into a short sorted list). */
  private offer(point: DirectoryPoint, distanceKm: number, matched: PointService[]): void {
    const { best, limit } = this;
    if (limit === 0) return;
    const candidate: Candidate = {
      point,
      distanceKm,
      matchedServices: matched,
      openNow: matched.some((service) => this.serviceOpen(point, service)),
      rank: Math.round(distanceKm * 10),
    };
    // No limit: collect everything and sort once at the end (insertion would be quadratic).
    if (!Number.isFinite(limit)) {
      best.push(candidate);
      return;
    }
    const last = best[best.length - 1];
    if (best.length >= limit && last !== undefined && compareResults(candidate, last) >= 0) return;
    let at = best.length;
    while (at > 0 && compareResults(candidate, best[at - 1] as Candidate) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
}

// Compared once per search, so one collator for all (Vietnamese order: "Điểm" after "Dịch").
const collator = new Intl.Collator('vi');

/**
 * The order of results:
 * 1. Distance, compared in tenths of a km (the precision pages show): the coordinates are themselves approximate (an
 *    import may place a point at its commune's interior point), and 50 m means nothing to someone travelling there,
 *    so closer than that is a tie and the rules below decide.
 * 2. Open now first: the person (or the intake's routed request) can be helped sooner.
 * 3. `checkedOn` most recent first, never-checked last: a listing a person confirmed lately is more likely right.
 * 4. Name (Vietnamese collation): a stable order a person can follow.
 * 5. Id: a total order, so the same query always gives the same first result, and the intake routes the same way.
 */
function compareResults(a: Candidate, b: Candidate): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.openNow !== b.openNow) return a.openNow ? -1 : 1;
  const checkedA = a.point.checkedOn ?? '';
  const checkedB = b.point.checkedOn ?? '';
  if (checkedA !== checkedB) return checkedA > checkedB ? -1 : 1;
  const byName = collator.compare(a.point.name, b.point.name);
  if (byName !== 0) return byName;
  return a.point.id < b.point.id ? -1 : a.point.id > b.point.id ? 1 : 0;
}

function speaks(service: PointService, language: string): boolean {
  // Imports often leave languages empty; a Vietnamese public service works in Vietnamese.
  if (service.languages.length === 0) return language === 'vi';
  for (const code of service.languages) if (code.toLowerCase() === language) return true;
  return false;
}

function ageFits(service: PointService, age: number): boolean {
  return (service.minAge === null || age >= service.minAge) && (service.maxAge === null || age <= service.maxAge);
}
