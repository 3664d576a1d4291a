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
import { serviceTypes, type ServiceType } from '#src/features/lists/index.ts';
import { AppError } from '#src/lib/errors.ts';
import { distanceKmBetween, isValidPosition } from '#src/lib/geo.ts';
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
  const search = new Search(index, query, origin);
  const commune = origin.communeCode === null ? NONE : Number(origin.communeCode);
  const province = origin.provinceCode === null ? NONE : Number(origin.provinceCode);

  if (origin.communeCode !== null) {
    search.scan(index.byCommune.get(origin.communeCode), NONE, NONE);
    if (search.found()) return search.answer('in-commune');
  }
  if (origin.provinceCode !== null) {
    // The commune's points were all just rejected: skip them instead of testing them again.
    search.scan(index.byProvince.get(origin.provinceCode), commune, NONE);
    if (search.found()) return search.answer('nearest-in-province');
  }
  search.scan(index.all, commune, province);
  return search.answer(search.found() ? 'nearest-anywhere' : 'none');
}

/**
 * Every suitable point within reach of the origin: in its own province, or in another one but at most `radiusKm` away
 * (a commune near a provincial border is often closer to the next province's town). Nearest first, in the order of
 * the results above; no fallback tiers. What a requester may choose among before sending (the intake offers the first
 * few); `reason` is `none` when nothing is within reach, else `nearest-in-province`.
 */
export function findSuitableWithinReach(
  points: readonly DirectoryPoint[],
  query: NearestQuery & { radiusKm: number },
): NearestAnswer {
  const origin = resolveOrigin(query.origin);
  const index = pointIndex(points);
  const province = origin.provinceCode === null ? NONE : Number(origin.provinceCode);
  const search = new Search(index, query, origin, { province, radiusKm: query.radiusKm });
  search.scan(index.all, NONE, NONE);
  return search.answer(search.found() ? 'nearest-in-province' : 'none');
}

type ResolvedOrigin = NearestAnswer['origin'];

function resolveOrigin(origin: Origin): ResolvedOrigin {
  if (origin.kind === 'commune') {
    const commune = getCommune(origin.communeCode);
    if (commune === undefined)
      throw new UnknownCommuneError(`Unknown commune code ${JSON.stringify(origin.communeCode)}`);
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

// "No commune / province to skip" in the numeric codes (real codes are positive).
const NONE = -1;
// Language bit of every code beyond the first 31 of a directory: a prefilter only, the exact test follows.
const OTHER_LANGUAGES = 1 << 31;

/** An active service with its filter facts precomputed once per points array (searches only read them). */
interface IndexedService {
  readonly service: PointService;
  readonly bit: number;
  readonly free: boolean;
  /** Lower-case codes; `vi` when the service lists none (see `LocatorFilters.language`). */
  readonly languages: ReadonlySet<string>;
  readonly minAge: number;
  readonly maxAge: number;
}

/**
 * The points, laid out for fast scans: per point, numbers in typed arrays (position, and what its active services
 * could possibly offer: types, free types, languages, ages) so that most points are rejected without touching their
 * objects; only the survivors have their services tested one by one.
 */
interface PointIndex {
  readonly points: readonly DirectoryPoint[];
  readonly services: readonly (readonly IndexedService[])[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Bit set of the types of its active services (0 for a point that is not active). */
  readonly types: Int32Array;
  /** The same, of its active services with a free option. */
  readonly freeTypes: Int32Array;
  /** Bit set of the languages of its active services (bits assigned by `languageBits`). */
  readonly languages: Int32Array;
  /** Lowest minimum and highest maximum age of its active services (±Infinity when open). */
  readonly minAge: Float64Array;
  readonly maxAge: Float64Array;
  /** Per point and weekday (index 7 × point + weekday): the earliest opening and latest closing minute of any of its
   * hours, its own or its active services' (0, 0 when it never opens that day). "Open now" can only hold inside. */
  readonly opensFrom: Int16Array;
  readonly closesBy: Int16Array;
  readonly commune: Int32Array;
  readonly province: Int32Array;
  readonly languageBits: ReadonlyMap<string, number>;
  readonly all: Int32Array;
  readonly byCommune: ReadonlyMap<string, Int32Array>;
  readonly byProvince: ReadonlyMap<string, Int32Array>;
}

// One index per points array (the snapshot's array is reused until the directory changes); weak, so an old
// snapshot's index goes with it. Building it for 10,000 points takes a few milliseconds, once.
const indexes = new WeakMap<readonly DirectoryPoint[], PointIndex>();

function pointIndex(points: readonly DirectoryPoint[]): PointIndex {
  const cached = indexes.get(points);
  if (cached !== undefined) return cached;
  const placedPoints: DirectoryPoint[] = [];
  const positions: { lat: number; lon: number }[] = [];
  for (const point of points) {
    const position = placeOf(point);
    if (position === undefined) continue;
    placedPoints.push(point);
    positions.push(position);
  }
  const n = placedPoints.length;
  const index: PointIndex = {
    points: placedPoints,
    services: placedPoints.map((point) => (point.status === 'active' ? indexServices(point) : [])),
    lat: Float64Array.from(positions, (p) => p.lat),
    lon: Float64Array.from(positions, (p) => p.lon),
    types: new Int32Array(n),
    freeTypes: new Int32Array(n),
    languages: new Int32Array(n),
    minAge: new Float64Array(n),
    maxAge: new Float64Array(n),
    opensFrom: new Int16Array(7 * n),
    closesBy: new Int16Array(7 * n),
    commune: Int32Array.from(placedPoints, (p) => (p.communeCode === null ? NONE : Number(p.communeCode))),
    province: Int32Array.from(placedPoints, (p) => Number(p.provinceCode)),
    languageBits: new Map(),
    all: Int32Array.from(placedPoints, (_, i) => i),
    byCommune: new Map(),
    byProvince: new Map(),
  };
  const languageBits = index.languageBits as Map<string, number>;
  const byCommune = new Map<string, number[]>();
  const byProvince = new Map<string, number[]>();
  placedPoints.forEach((point, i) => {
    let types = 0;
    let freeTypes = 0;
    let languages = 0;
    let minAge = Number.POSITIVE_INFINITY;
    let maxAge = Number.NEGATIVE_INFINITY;
    for (const entry of index.services[i] ?? []) {
      types |= entry.bit;
      if (entry.free) freeTypes |= entry.bit;
      for (const code of entry.languages) {
        let bit = languageBits.get(code);
        if (bit === undefined) {
          bit = languageBits.size < 31 ? 1 << languageBits.size : OTHER_LANGUAGES;
          languageBits.set(code, bit);
        }
        languages |= bit;
      }
      minAge = Math.min(minAge, entry.minAge);
      maxAge = Math.max(maxAge, entry.maxAge);
    }
    index.types[i] = types;
    index.freeTypes[i] = freeTypes;
    index.languages[i] = languages;
    index.minAge[i] = minAge;
    index.maxAge[i] = maxAge;
    const hours = [point.hours, ...(index.services[i] ?? []).map((entry) => entry.service.hours)].flat();
    for (let weekday = 0; weekday < 7; weekday++) {
      let from = 24 * 60;
      let by = 0;
      for (const entry of hours) {
        if (entry.weekday !== weekday) continue;
        from = Math.min(from, entry.opens);
        by = Math.max(by, entry.closes);
      }
      index.opensFrom[7 * i + weekday] = by === 0 ? 0 : from;
      index.closesBy[7 * i + weekday] = by;
    }
    if (point.communeCode !== null) push(byCommune, point.communeCode, i);
    push(byProvince, point.provinceCode, i);
  });
  for (const [code, list] of byCommune) (index.byCommune as Map<string, Int32Array>).set(code, Int32Array.from(list));
  for (const [code, list] of byProvince) (index.byProvince as Map<string, Int32Array>).set(code, Int32Array.from(list));
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

function indexServices(point: DirectoryPoint): IndexedService[] {
  const entries: IndexedService[] = [];
  for (const service of point.services) {
    if (service.status !== 'active') continue;
    entries.push({
      service,
      bit: typeBit(service.type),
      free: service.costs.includes('free'),
      // Imports often leave languages empty; a Vietnamese public service works in Vietnamese.
      languages: new Set(service.languages.length === 0 ? ['vi'] : service.languages.map((code) => code.toLowerCase())),
      minAge: service.minAge ?? Number.NEGATIVE_INFINITY,
      maxAge: service.maxAge ?? Number.POSITIVE_INFINITY,
    });
  }
  return entries;
}

function typeBit(type: ServiceType): number {
  const index = serviceTypes.codes.indexOf(type);
  return index < 0 ? 0 : 1 << index;
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
  private readonly index: PointIndex;
  private readonly origin: ResolvedOrigin;
  /** Position of each requested type in the request, to order matched services "best first"; null: any type. */
  private readonly types: ReadonlyMap<ServiceType, number> | null;
  private readonly typeMask: number;
  private readonly free: boolean;
  private readonly openNowOnly: boolean;
  private readonly language: string | undefined;
  /** The language's bit in this index (0 when no point offers it; -1 when there is no language filter). */
  private readonly languageMask: number;
  private readonly age: number | undefined;
  private readonly moment: LocalMoment;
  private readonly limit: number;
  /** Only points in this province (numeric code) or within this distance; undefined: no such bound. */
  private readonly reach: { readonly province: number; readonly radiusKm: number } | undefined;
  private readonly best: Candidate[] = [];
  // Whether any candidate was seen, even with limit 0 (the reason must not depend on the limit).
  private seen = false;

  constructor(
    index: PointIndex,
    query: NearestQuery,
    origin: ResolvedOrigin,
    reach?: { readonly province: number; readonly radiusKm: number },
  ) {
    this.index = index;
    this.reach = reach;
    this.origin = origin;
    const types = query.serviceTypes ?? [];
    this.types = types.length === 0 ? null : new Map(types.map((type, position) => [type, position]));
    this.typeMask = types.length === 0 ? -1 : types.reduce((mask, type) => mask | typeBit(type), 0);
    const filters = query.filters ?? {};
    this.free = filters.free === true;
    this.openNowOnly = filters.openNow === true;
    this.language = filters.language?.trim().toLowerCase() || undefined;
    this.languageMask =
      this.language === undefined
        ? -1
        : (index.languageBits.get(this.language) ??
          ([...index.languageBits.values()].includes(OTHER_LANGUAGES) ? OTHER_LANGUAGES : 0));
    this.age = filters.age;
    // Once per search: the local date and time of the instant (microseconds), then nanoseconds per point.
    this.moment = localMoment(query.now ?? new Date());
    this.limit = Math.max(0, query.limit ?? DEFAULT_LIMIT);
  }

  found(): boolean {
    return this.seen;
  }

  /** Tests the points at `list` (positions in the index), skipping those of `skipCommune` / `skipProvince`
   * (numeric codes, already rejected). */
  scan(list: Int32Array | undefined, skipCommune: number, skipProvince: number): void {
    if (list === undefined) return;
    const { index, origin, typeMask, free, languageMask, age, best, limit } = this;
    const checkAge = age !== undefined;
    const ageValue = age ?? 0;
    const { weekday, minutes } = this.moment;
    const checkOpen = this.openNowOnly;
    for (let k = 0; k < list.length; k++) {
      const i = list[k] ?? 0;
      // Necessary conditions first, on numbers only: some active service of a wanted type, a free one if asked,
      // one in the language, one whose age range could fit. Most points stop here.
      if (((index.types[i] ?? 0) & typeMask) === 0) continue;
      if (free && ((index.freeTypes[i] ?? 0) & typeMask) === 0) continue;
      if (((index.languages[i] ?? 0) & languageMask) === 0) continue;
      if (checkAge && (ageValue < (index.minAge[i] ?? 0) || ageValue > (index.maxAge[i] ?? 0))) continue;
      if (
        checkOpen &&
        (minutes < (index.opensFrom[7 * i + weekday] ?? 0) || minutes >= (index.closesBy[7 * i + weekday] ?? 0))
      ) {
        continue;
      }
      if (index.commune[i] === skipCommune || index.province[i] === skipProvince) continue;
      const distanceKm = distanceKmBetween(origin.lat, origin.lon, index.lat[i] ?? 0, index.lon[i] ?? 0);
      if (this.reach !== undefined && index.province[i] !== this.reach.province && distanceKm > this.reach.radiusKm)
        continue;
      const rank = Math.round(distanceKm * 10);
      // Already `limit` results, all strictly nearer: this one cannot enter, whatever its services (and `seen` is
      // already true, as the list is not empty).
      const last = best[best.length - 1];
      if (best.length >= limit && last !== undefined && rank > last.rank) continue;
      const point = index.points[i];
      const matched = point === undefined ? null : this.matchServices(point, index.services[i] ?? []);
      if (point === undefined || matched === null) continue;
      this.seen = true;
      this.offer(point, distanceKm, rank, matched);
    }
  }

  answer(reason: NearestAnswer['reason']): NearestAnswer {
    if (!Number.isFinite(this.limit)) this.best.sort(compareResults);
    const results = this.best.map(({ point, distanceKm, matchedServices, openNow }): NearestResult => ({
      point,
      distanceKm,
      matchedServices,
      openNow,
    }));
    return { results, reason, origin: this.origin };
  }

  /** The point's services answering the query (each filter on the same service), or null when none does. */
  private matchServices(point: DirectoryPoint, services: readonly IndexedService[]): PointService[] | null {
    const { typeMask, free, language, age } = this;
    let matched: PointService[] | null = null;
    for (const entry of services) {
      if ((entry.bit & typeMask) === 0) continue;
      if (free && !entry.free) continue;
      if (language !== undefined && !entry.languages.has(language)) continue;
      if (age !== undefined && (age < entry.minAge || age > entry.maxAge)) continue;
      if (this.openNowOnly && !this.serviceOpen(point, entry.service)) continue;
      (matched ??= []).push(entry.service);
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
  private offer(point: DirectoryPoint, distanceKm: number, rank: number, matched: PointService[]): void {
    const { best, limit } = this;
    if (limit === 0) return;
    const candidate: Candidate = {
      point,
      distanceKm,
      matchedServices: matched,
      openNow: matched.some((service) => this.serviceOpen(point, service)),
      rank,
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
