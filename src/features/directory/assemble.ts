/**
 * Turns directory table rows (HSDS-shaped: organization, location, service, service_at_location, schedule, closure,
 * phone, language, cost_option) into `DirectoryPoint`s. Pure, so the database loader and the demo generator (and the
 * benchmark, which has no database) build points the same way.
 *
 * The rows carry only public columns: a location's notification e-mail is not among them, on purpose.
 */
import {
  costKinds,
  type CostKind,
  type HsdsStatus,
  type OperatorKind,
  serviceTypes,
  type ServiceType,
} from '#src/features/lists/index.ts';
import type { Closure, DirectoryPoint, OpeningHours, PointPhone, PointService } from './types.ts';

/** Columns of `organizations` a point needs. */
export interface OrganizationRow {
  id: string;
  name: string;
  operatorKind: string;
  updatedAt: Date;
}

/** Public columns of `locations` (never `notification_email`). */
export interface LocationRow {
  id: string;
  organizationId: string;
  name: string;
  description: string;
  /** English text, when given (null or absent: none). */
  descriptionEn?: string | null;
  address: string | null;
  provinceCode: string;
  communeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  checkedOn: string | null;
  isDemo: boolean;
  updatedAt: Date;
}

/** Columns of `services` a point needs. */
export interface ServiceRow {
  id: string;
  name: string;
  description: string;
  /** English text, when given (null or absent: none). */
  descriptionEn?: string | null;
  serviceType: string;
  status: string;
  minAge: number | null;
  maxAge: number | null;
  updatedAt: Date;
}

/** A `service_at_location` link. */
export interface ServiceAtLocationRow {
  id: string;
  serviceId: string;
  locationId: string;
}

/** A weekly `schedules` row, owned by a location or by a service at a location. */
export interface ScheduleRow {
  locationId: string | null;
  serviceAtLocationId: string | null;
  byday: string;
  /** `HH:MM` or `HH:MM:SS`; `24:00` closes at midnight. */
  opensAt: string;
  closesAt: string;
  validFrom: string | null;
  validTo: string | null;
}

/** A `closures` row. */
export interface ClosureRow {
  locationId: string | null;
  serviceAtLocationId: string | null;
  startsOn: string;
  endsOn: string;
  description: string | null;
  /** English text, when given (null or absent: none). */
  descriptionEn?: string | null;
}

/** A `phones` row (exactly one owner is set). */
export interface PhoneRow {
  organizationId: string | null;
  serviceId: string | null;
  locationId: string | null;
  serviceAtLocationId: string | null;
  number: string;
  description: string | null;
  /** English text, when given (null or absent: none). */
  descriptionEn?: string | null;
}

/** A `languages` row (phone-owned rows are ignored: a phone line's language is not the service's). */
export interface LanguageRow {
  serviceId: string | null;
  locationId: string | null;
  code: string | null;
}

/** A `cost_options` row. */
export interface CostOptionRow {
  serviceId: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
}

/** Everything a directory is built from. Rows referring to a missing parent are ignored (e.g. demo rows filtered out). */
export interface DirectoryRows {
  organizations: readonly OrganizationRow[];
  locations: readonly LocationRow[];
  services: readonly ServiceRow[];
  serviceAtLocation: readonly ServiceAtLocationRow[];
  schedules: readonly ScheduleRow[];
  closures: readonly ClosureRow[];
  phones: readonly PhoneRow[];
  languages: readonly LanguageRow[];
  costOptions: readonly CostOptionRow[];
}

/** RFC 5545 weekday codes → `Date.getDay()` numbers. */
const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/** `HH:MM[:SS]` → minutes since midnight (`24:00` → 1440). Seconds are dropped: hours are kept to the minute. */
export function timeToMinutes(time: string): number {
  const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  if (match === null) throw new RangeError(`Not a time of day: ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** One weekly schedule row as opening-hours entries, one per day in `byday` (unknown day codes are skipped). */
export function scheduleToHours(row: ScheduleRow): OpeningHours[] {
  const opens = timeToMinutes(row.opensAt);
  const closes = timeToMinutes(row.closesAt);
  const hours: OpeningHours[] = [];
  for (const code of row.byday.split(',')) {
    const weekday = WEEKDAY_NUMBERS[code.trim()];
    if (weekday === undefined) continue;
    const entry: OpeningHours = { weekday, opens, closes };
    if (row.validFrom !== null) entry.validFrom = row.validFrom;
    if (row.validTo !== null) entry.validTo = row.validTo;
    hours.push(entry);
  }
  return hours;
}

/**
 * Builds the points: one per location whose organization is present, with the services linked to it. `today`
 * (YYYY-MM-DD, local) drops what has ended: closures, seasonal hours and cost options whose last day is before it.
 *
 * Orders, so that the same rows always give the same points: points by province, commune, name, id; services by the
 * shared list's type order, then name; hours Monday first; languages `vi` first, then by code; costs by the shared
 * list's order; phones the location's own first, then those of its services at this location (a service's or the
 * organization's phones only when the point has none of its own).
 */
export function assembleDirectory(rows: DirectoryRows, today: string): DirectoryPoint[] {
  const organizations = new Map(rows.organizations.map((row) => [row.id, row]));
  const services = new Map(rows.services.map((row) => [row.id, row]));

  const linksByLocation = groupBy(rows.serviceAtLocation, (row) => row.locationId);
  const locationHours = new Map<string, OpeningHours[]>();
  const linkHours = new Map<string, OpeningHours[]>();
  for (const row of rows.schedules) {
    if (row.validTo !== null && row.validTo < today) continue;
    const target = row.locationId !== null ? locationHours : linkHours;
    const owner = row.locationId ?? row.serviceAtLocationId;
    if (owner === null) continue;
    appendAll(target, owner, scheduleToHours(row));
  }
  const locationClosures = new Map<string, Closure[]>();
  const linkClosures = new Map<string, Closure[]>();
  for (const row of rows.closures) {
    if (row.endsOn < today) continue;
    const closure: Closure = {
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      description: row.description,
      ...english(row.descriptionEn),
    };
    if (row.locationId !== null) append(locationClosures, row.locationId, closure);
    else if (row.serviceAtLocationId !== null) append(linkClosures, row.serviceAtLocationId, closure);
  }
  const phonesBy = {
    location: groupBy(rows.phones, (row) => row.locationId),
    link: groupBy(rows.phones, (row) => row.serviceAtLocationId),
    service: groupBy(rows.phones, (row) => row.serviceId),
    organization: groupBy(rows.phones, (row) => row.organizationId),
  };
  const serviceLanguages = new Map<string, Set<string>>();
  const locationLanguages = new Map<string, Set<string>>();
  for (const row of rows.languages) {
    if (row.code === null) continue;
    const code = row.code.toLowerCase();
    if (row.serviceId !== null) addTo(serviceLanguages, row.serviceId, code);
    else if (row.locationId !== null) addTo(locationLanguages, row.locationId, code);
  }
  const serviceCosts = new Map<string, Set<string>>();
  for (const row of rows.costOptions) {
    if (row.validTo !== null && row.validTo < today) continue;
    if (row.validFrom !== null && row.validFrom > today) continue;
    addTo(serviceCosts, row.serviceId, row.kind);
  }

  const collator = new Intl.Collator('vi');
  const points: DirectoryPoint[] = [];
  for (const location of rows.locations) {
    const organization = organizations.get(location.organizationId);
    if (organization === undefined) continue;
    let updatedAt = later(location.updatedAt, organization.updatedAt);
    const pointServices: PointService[] = [];
    const linkPhones: PhoneRow[] = [];
    const ownServicePhones: PhoneRow[] = [];
    for (const link of linksByLocation.get(location.id) ?? []) {
      const service = services.get(link.serviceId);
      if (service === undefined || !serviceTypes.has(service.serviceType)) continue;
      updatedAt = later(updatedAt, service.updatedAt);
      const languages = new Set([
        ...(serviceLanguages.get(service.id) ?? []),
        ...(locationLanguages.get(location.id) ?? []),
      ]);
      const pointService: PointService = {
        id: service.id,
        type: service.serviceType,
        name: service.name,
        description: service.description,
        ...english(service.descriptionEn),
        // Codes the database CHECKs against the shared lists.
        status: service.status as HsdsStatus,
        costs: costKinds.codes.filter((kind: CostKind) => serviceCosts.get(service.id)?.has(kind) ?? false),
        languages: [...languages].sort(languageOrder),
        minAge: service.minAge,
        maxAge: service.maxAge,
        hours: sortHours(linkHours.get(link.id) ?? []),
      };
      const closures = linkClosures.get(link.id);
      if (closures !== undefined) pointService.closures = sortClosures(closures);
      pointServices.push(pointService);
      linkPhones.push(...(phonesBy.link.get(link.id) ?? []));
      ownServicePhones.push(...(phonesBy.service.get(service.id) ?? []));
    }
    pointServices.sort(
      (a, b) => typeOrder(a.type) - typeOrder(b.type) || collator.compare(a.name, b.name) || compareText(a.id, b.id),
    );
    let phoneRows = [...(phonesBy.location.get(location.id) ?? []), ...linkPhones];
    if (phoneRows.length === 0)
      phoneRows = [...ownServicePhones, ...(phonesBy.organization.get(organization.id) ?? [])];
    points.push({
      id: location.id,
      name: location.name,
      description: location.description,
      ...english(location.descriptionEn),
      organization: {
        id: organization.id,
        name: organization.name,
        operatorKind: organization.operatorKind as OperatorKind,
      },
      address: location.address,
      provinceCode: location.provinceCode,
      communeCode: location.communeCode,
      lat: location.latitude,
      lon: location.longitude,
      status: location.status as HsdsStatus,
      phones: uniquePhones(phoneRows),
      services: pointServices,
      hours: sortHours(locationHours.get(location.id) ?? []),
      closures: sortClosures(locationClosures.get(location.id) ?? []),
      checkedOn: location.checkedOn,
      updatedAt: updatedAt.toISOString(),
      isDemo: location.isDemo,
    });
  }
  return points.sort(
    (a, b) =>
      compareText(a.provinceCode, b.provinceCode) ||
      compareText(a.communeCode ?? '', b.communeCode ?? '') ||
      collator.compare(a.name, b.name) ||
      compareText(a.id, b.id),
  );
}

function typeOrder(type: ServiceType): number {
  return serviceTypes.codes.indexOf(type);
}

// Vietnamese first (the portal's language), then by code.
function languageOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'vi') return -1;
  if (b === 'vi') return 1;
  return compareText(a, b);
}

function sortHours(hours: OpeningHours[]): OpeningHours[] {
  // Monday first, as a week is read in Vietnam.
  const day = (weekday: number) => (weekday + 6) % 7;
  return hours.sort((a, b) => day(a.weekday) - day(b.weekday) || a.opens - b.opens || a.closes - b.closes);
}

function sortClosures(closures: Closure[]): Closure[] {
  return closures.sort((a, b) => compareText(a.startsOn, b.startsOn) || compareText(a.endsOn, b.endsOn));
}

function uniquePhones(rows: readonly PhoneRow[]): PointPhone[] {
  const seen = new Set<string>();
  const phones: PointPhone[] = [];
  for (const row of rows) {
    if (seen.has(row.number)) continue;
    seen.add(row.number);
    phones.push({ number: row.number, description: row.description, ...english(row.descriptionEn) });
  }
  return phones;
}

/** `descriptionEn` when there is English text; nothing otherwise (the page falls back to the Vietnamese). */
function english(text: string | null | undefined): { descriptionEn?: string } {
  return text === null || text === undefined || text.trim() === '' ? {} : { descriptionEn: text };
}

function later(a: Date, b: Date): Date {
  return b.getTime() > a.getTime() ? b : a;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) append(groups, k, row);
  }
  return groups;
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function appendAll<T>(map: Map<string, T[]>, key: string, values: readonly T[]): void {
  for (const value of values) append(map, key, value);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}
