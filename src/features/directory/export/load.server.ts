/**
 * Reads the directory for the open-data export: pages of service or organization ids, and everything nested under
 * them, in a handful of queries per page (never one query per row). Only real rows are visible, unless the portal
 * runs in demo mode, where demo rows are visible too (and marked as such by the builders).
 */
import { and, asc, count, eq, exists, inArray, isNull, or, type SQL } from 'drizzle-orm';
import {
  costOptions,
  languages,
  locations,
  organizations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocation,
  services,
} from '#src/db/schema/index.ts';
import type { Database } from '#src/db/types.ts';
import {
  serviceLastModified,
  serviceWhere,
  visibleLocations,
  visibleServices,
  type ServiceFilter,
  type Visibility,
} from './service-filter.server.ts';
import { matchesAllWords } from './text-match.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type LinkRow = typeof serviceAtLocation.$inferSelect;
export type PhoneRow = typeof phones.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;
export type LanguageRow = typeof languages.$inferSelect;
export type CostRow = typeof costOptions.$inferSelect;
export type AreaRow = typeof serviceAreas.$inferSelect;

export type { ServiceFilter, Visibility } from './service-filter.server.ts';

const visibleOrganizations = (v: Visibility): SQL | undefined => (v.demo ? undefined : eq(organizations.isDemo, false));

/** How many services the list has. */
export async function countServices(db: Database, v: Visibility, filter: ServiceFilter = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(services)
    .where(serviceWhere(db, v, filter));
  return row?.n ?? 0;
}

/** One page of service ids, in a stable order (by id). */
export async function serviceIdsPage(
  db: Database,
  v: Visibility,
  filter: ServiceFilter,
  offset: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(serviceWhere(db, v, filter))
    .orderBy(asc(services.id))
    .offset(offset)
    .limit(limit);
  return rows.map((row) => row.id);
}

/** `last_modified` of each visible service in `ids`, in that order (the `minimal` list). */
export async function serviceModifiedDates(
  db: Database,
  v: Visibility,
  ids: readonly string[],
): Promise<{ id: string; lastModified: Date }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: services.id, lastModified: serviceLastModified(v) })
    .from(services)
    .where(and(inArray(services.id, [...ids]), visibleServices(v)));
  return sortLike(rows, ids);
}

// Links (service_at_location) whose service matches the filter and whose location is visible.
function linkWhere(db: Database, v: Visibility, filter: ServiceFilter): SQL | undefined {
  return and(serviceWhere(db, v, filter), visibleLocations(v));
}

/** How many visible links (service at location) match the services filter. */
export async function countServiceAtLocations(db: Database, v: Visibility, filter: ServiceFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(serviceAtLocation)
    .innerJoin(services, eq(services.id, serviceAtLocation.serviceId))
    .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
    .where(linkWhere(db, v, filter));
  return row?.n ?? 0;
}

/** One page of visible links, by link id, each with its service id. */
export async function serviceAtLocationPage(
  db: Database,
  v: Visibility,
  filter: ServiceFilter,
  offset: number,
  limit: number,
): Promise<{ id: string; serviceId: string }[]> {
  return db
    .select({ id: serviceAtLocation.id, serviceId: serviceAtLocation.serviceId })
    .from(serviceAtLocation)
    .innerJoin(services, eq(services.id, serviceAtLocation.serviceId))
    .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
    .where(linkWhere(db, v, filter))
    .orderBy(asc(serviceAtLocation.id))
    .offset(offset)
    .limit(limit);
}

/** The visible link with this id and its service id, or `undefined`. */
export async function findServiceAtLocation(
  db: Database,
  v: Visibility,
  id: string,
): Promise<{ id: string; serviceId: string } | undefined> {
  const [row] = await db
    .select({ id: serviceAtLocation.id, serviceId: serviceAtLocation.serviceId })
    .from(serviceAtLocation)
    .innerJoin(services, eq(services.id, serviceAtLocation.serviceId))
    .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
    .where(and(eq(serviceAtLocation.id, id), linkWhere(db, v, {})));
  return row;
}

// Organizations with at least one visible service: an organization left without services (renamed in a later
// import, say) is not part of the published directory.
function organizationWhere(db: Database, v: Visibility): SQL | undefined {
  const hasService = exists(
    db
      .select({ one: services.id })
      .from(services)
      .where(and(eq(services.organizationId, organizations.id), visibleServices(v))),
  );
  return and(visibleOrganizations(v), hasService);
}

/** How many organizations the list has (of `ids` only, when given: a search's matches). */
export async function countOrganizations(db: Database, v: Visibility, ids?: readonly string[]): Promise<number> {
  if (ids?.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(organizations)
    .where(and(organizationWhere(db, v), ids === undefined ? undefined : inArray(organizations.id, [...ids])));
  return row?.n ?? 0;
}

/** One page of organization ids, by id. */
export async function organizationIdsPage(
  db: Database,
  v: Visibility,
  offset: number,
  limit: number,
  ids?: readonly string[],
): Promise<string[]> {
  if (ids?.length === 0) return [];
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(organizationWhere(db, v), ids === undefined ? undefined : inArray(organizations.id, [...ids])))
    .orderBy(asc(organizations.id))
    .offset(offset)
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Ids of the visible organizations a free-text search matches: every word of the query (accents, case and đ/d
 * ignored) starts a word of the organization's name, alternate name or description.
 */
export async function searchOrganizationIds(db: Database, v: Visibility, query: string): Promise<string[]> {
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      alternateName: organizations.alternateName,
      description: organizations.description,
    })
    .from(organizations)
    .where(visibleOrganizations(v));
  return rows
    .filter((row) => matchesAllWords(query, [row.name, row.alternateName ?? '', row.description ?? '']))
    .map((row) => row.id);
}

/** Visible organizations by id (order of `ids`). */
export async function loadOrganizations(
  db: Database,
  v: Visibility,
  ids: readonly string[],
): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(organizations)
    .where(and(inArray(organizations.id, [...ids]), visibleOrganizations(v)));
  return sortLike(rows, ids);
}

/** A location with what hangs from it. */
export interface LocationGraph {
  readonly location: LocationRow;
  readonly phones: readonly PhoneRow[];
  readonly schedules: readonly ScheduleRow[];
  readonly languages: readonly LanguageRow[];
}

/** A service with everything the fully nested HSDS service shows. */
export interface ServiceGraph {
  readonly service: ServiceRow;
  /** HSDS `last_modified`: see `serviceLastModified`. */
  readonly lastModified: Date;
  readonly organization: OrganizationRow;
  readonly organizationPhones: readonly PhoneRow[];
  readonly links: readonly {
    readonly link: LinkRow;
    readonly location: LocationGraph;
    readonly phones: readonly PhoneRow[];
    readonly schedules: readonly ScheduleRow[];
  }[];
  readonly phones: readonly PhoneRow[];
  readonly languages: readonly LanguageRow[];
  readonly costs: readonly CostRow[];
  readonly areas: readonly AreaRow[];
  /** Languages spoken on each phone line, by phone id. */
  readonly phoneLanguages: ReadonlyMap<string, readonly LanguageRow[]>;
}

/** The graphs of visible services, in the order of `ids` (unknown or hidden ids are left out). */
export async function loadServiceGraphs(db: Database, v: Visibility, ids: readonly string[]): Promise<ServiceGraph[]> {
  if (ids.length === 0) return [];
  const serviceRows = await db
    .select({ row: services, lastModified: serviceLastModified(v) })
    .from(services)
    .where(and(inArray(services.id, [...ids]), visibleServices(v)))
    .then((rows) => rows.map(({ row, lastModified }) => ({ ...row, lastModified })));
  if (serviceRows.length === 0) return [];
  const serviceIds = serviceRows.map((s) => s.id);
  const organizationIds = [...new Set(serviceRows.map((s) => s.organizationId))];
  const organizationRows = await db.select().from(organizations).where(inArray(organizations.id, organizationIds));
  const linkRows = await db
    .select()
    .from(serviceAtLocation)
    .where(inArray(serviceAtLocation.serviceId, serviceIds))
    .orderBy(asc(serviceAtLocation.id));
  const locationIds = [...new Set(linkRows.map((l) => l.locationId))];
  const locationRows =
    locationIds.length === 0
      ? []
      : await db
          .select()
          .from(locations)
          .where(and(inArray(locations.id, locationIds), visibleLocations(v)));
  const linkIds = linkRows.map((l) => l.id);
  const phoneRows = await db
    .select()
    .from(phones)
    .where(
      or(
        inArray(phones.serviceId, serviceIds),
        inArray(phones.organizationId, organizationIds),
        locationIds.length > 0 ? inArray(phones.locationId, locationIds) : undefined,
        linkIds.length > 0 ? inArray(phones.serviceAtLocationId, linkIds) : undefined,
      ),
    )
    .orderBy(asc(phones.createdAt), asc(phones.number));
  const scheduleRows =
    locationIds.length === 0
      ? []
      : await db
          .select()
          .from(schedules)
          .where(
            or(
              inArray(schedules.locationId, locationIds),
              linkIds.length > 0 ? inArray(schedules.serviceAtLocationId, linkIds) : undefined,
            ),
          )
          .orderBy(asc(schedules.byday), asc(schedules.opensAt));
  const phoneIds = phoneRows.map((p) => p.id);
  const languageRows = await db
    .select()
    .from(languages)
    .where(
      or(
        inArray(languages.serviceId, serviceIds),
        locationIds.length > 0 ? inArray(languages.locationId, locationIds) : undefined,
        phoneIds.length > 0 ? inArray(languages.phoneId, phoneIds) : undefined,
      ),
    )
    .orderBy(asc(languages.name));
  const costRows = await db
    .select()
    .from(costOptions)
    .where(inArray(costOptions.serviceId, serviceIds))
    .orderBy(asc(costOptions.kind));
  const areaRows = await db
    .select()
    .from(serviceAreas)
    .where(inArray(serviceAreas.serviceId, serviceIds))
    .orderBy(asc(serviceAreas.id));

  const organizationById = new Map(organizationRows.map((o) => [o.id, o]));
  const locationById = new Map(locationRows.map((l) => [l.id, l]));
  const by = <Row, Key>(rows: readonly Row[], key: (row: Row) => Key | null) => {
    const map = new Map<Key, Row[]>();
    for (const row of rows) {
      const k = key(row);
      if (k === null) continue;
      const list = map.get(k) ?? [];
      list.push(row);
      map.set(k, list);
    }
    return (k: Key): Row[] => map.get(k) ?? [];
  };
  const phonesOfService = by(phoneRows, (p) => p.serviceId);
  const phonesOfOrganization = by(phoneRows, (p) => p.organizationId);
  const phonesOfLocation = by(phoneRows, (p) => p.locationId);
  const phonesOfLink = by(phoneRows, (p) => p.serviceAtLocationId);
  const schedulesOfLocation = by(scheduleRows, (s) => s.locationId);
  const schedulesOfLink = by(scheduleRows, (s) => s.serviceAtLocationId);
  const languagesOfService = by(languageRows, (l) => l.serviceId);
  const languagesOfLocation = by(languageRows, (l) => l.locationId);
  const languagesOfPhone = by(languageRows, (l) => l.phoneId);
  const costsOfService = by(costRows, (c) => c.serviceId);
  const areasOfService = by(areaRows, (a) => a.serviceId);
  const linksOfService = by(linkRows, (l) => l.serviceId);
  const phoneLanguages = new Map(
    phoneIds.map((id) => [id, languagesOfPhone(id)] as const).filter(([, list]) => list.length > 0),
  );

  const graphs: ServiceGraph[] = [];
  for (const { lastModified, ...service } of sortLike(serviceRows, ids)) {
    const organization = organizationById.get(service.organizationId);
    if (!organization) continue;
    const links = linksOfService(service.id).flatMap((link) => {
      const location = locationById.get(link.locationId);
      if (!location) return [];
      return [
        {
          link,
          location: {
            location,
            phones: phonesOfLocation(location.id),
            schedules: schedulesOfLocation(location.id),
            languages: languagesOfLocation(location.id),
          },
          phones: phonesOfLink(link.id),
          schedules: schedulesOfLink(link.id),
        },
      ];
    });
    graphs.push({
      service,
      lastModified,
      organization,
      organizationPhones: phonesOfOrganization(organization.id),
      links,
      phones: phonesOfService(service.id),
      languages: languagesOfService(service.id),
      costs: costsOfService(service.id),
      areas: areasOfService(service.id),
      phoneLanguages,
    });
  }
  return graphs;
}

/** Visible locations of an organization, with their phones, hours and languages. */
export async function loadOrganizationLocations(
  db: Database,
  v: Visibility,
  organizationId: string,
): Promise<LocationGraph[]> {
  const locationRows = await db
    .select()
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), visibleLocations(v)))
    .orderBy(asc(locations.id));
  return attachLocationChildren(db, locationRows);
}

/** Visible service ids of an organization, by id. */
export async function organizationServiceIds(db: Database, v: Visibility, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.organizationId, organizationId), visibleServices(v)))
    .orderBy(asc(services.id));
  return rows.map((row) => row.id);
}

/** One point per visible location, for the CSV: everything a spreadsheet row holds. */
export interface CsvPoint {
  readonly location: LocationRow;
  readonly organization: OrganizationRow;
  readonly phones: readonly PhoneRow[];
  readonly schedules: readonly ScheduleRow[];
  readonly services: readonly {
    readonly service: ServiceRow;
    readonly languages: readonly LanguageRow[];
    readonly costs: readonly CostRow[];
  }[];
}

/** The visible points (of one province, when given), ordered by province, then row id. */
export async function loadCsvPoints(db: Database, v: Visibility, province?: string): Promise<CsvPoint[]> {
  const locationRows = await db
    .select()
    .from(locations)
    .where(and(visibleLocations(v), province === undefined ? undefined : eq(locations.provinceCode, province)))
    .orderBy(asc(locations.provinceCode), asc(locations.sourceRowId), asc(locations.id));
  if (locationRows.length === 0) return [];
  const locationIds = locationRows.map((l) => l.id);
  const organizationIds = [...new Set(locationRows.map((l) => l.organizationId))];
  const organizationRows = await inChunks(organizationIds, (chunk) =>
    db.select().from(organizations).where(inArray(organizations.id, chunk)),
  );
  const phoneRows = await inChunks(locationIds, (chunk) =>
    db
      .select()
      .from(phones)
      .where(inArray(phones.locationId, chunk))
      .orderBy(asc(phones.createdAt), asc(phones.number)),
  );
  // Weekly hours only: a seasonal timetable cannot be written in the spreadsheet's hours cell.
  const scheduleRows = await inChunks(locationIds, (chunk) =>
    db
      .select()
      .from(schedules)
      .where(and(inArray(schedules.locationId, chunk), isNull(schedules.validFrom), isNull(schedules.validTo))),
  );
  const linkRows = await inChunks(locationIds, (chunk) =>
    db
      .select({ serviceId: serviceAtLocation.serviceId, locationId: serviceAtLocation.locationId })
      .from(serviceAtLocation)
      .where(inArray(serviceAtLocation.locationId, chunk)),
  );
  const serviceIds = [...new Set(linkRows.map((l) => l.serviceId))];
  const serviceRows = await inChunks(serviceIds, (chunk) =>
    db
      .select()
      .from(services)
      .where(and(inArray(services.id, chunk), visibleServices(v))),
  );
  const languageRows = await inChunks(serviceIds, (chunk) =>
    db.select().from(languages).where(inArray(languages.serviceId, chunk)),
  );
  const costRows = await inChunks(serviceIds, (chunk) =>
    db.select().from(costOptions).where(inArray(costOptions.serviceId, chunk)),
  );

  const organizationById = new Map(organizationRows.map((o) => [o.id, o]));
  const serviceById = new Map(serviceRows.map((s) => [s.id, s]));
  const group = <Row>(rows: readonly Row[], key: (row: Row) => string | null) => {
    const map = new Map<string, Row[]>();
    for (const row of rows) {
      const k = key(row);
      if (k === null) continue;
      map.set(k, [...(map.get(k) ?? []), row]);
    }
    return (k: string): Row[] => map.get(k) ?? [];
  };
  const phonesOf = group(phoneRows, (p) => p.locationId);
  const schedulesOf = group(scheduleRows, (s) => s.locationId);
  const linksOf = group(linkRows, (l) => l.locationId);
  const languagesOf = group(languageRows, (l) => l.serviceId);
  const costsOf = group(costRows, (c) => c.serviceId);

  return locationRows.flatMap((location) => {
    const organization = organizationById.get(location.organizationId);
    if (!organization) return [];
    const pointServices = linksOf(location.id).flatMap((link) => {
      const service = serviceById.get(link.serviceId);
      return service ? [{ service, languages: languagesOf(service.id), costs: costsOf(service.id) }] : [];
    });
    return [
      {
        location,
        organization,
        phones: phonesOf(location.id),
        schedules: schedulesOf(location.id),
        services: pointServices,
      },
    ];
  });
}

async function attachLocationChildren(db: Database, locationRows: readonly LocationRow[]): Promise<LocationGraph[]> {
  if (locationRows.length === 0) return [];
  const ids = locationRows.map((l) => l.id);
  const phoneRows = await db
    .select()
    .from(phones)
    .where(inArray(phones.locationId, ids))
    .orderBy(asc(phones.createdAt), asc(phones.number));
  const scheduleRows = await db
    .select()
    .from(schedules)
    .where(inArray(schedules.locationId, ids))
    .orderBy(asc(schedules.byday), asc(schedules.opensAt));
  const languageRows = await db
    .select()
    .from(languages)
    .where(inArray(languages.locationId, ids))
    .orderBy(asc(languages.name));
  return locationRows.map((location) => ({
    location,
    phones: phoneRows.filter((p) => p.locationId === location.id),
    schedules: scheduleRows.filter((s) => s.locationId === location.id),
    languages: languageRows.filter((l) => l.locationId === location.id),
  }));
}

// Large provinces have thousands of points: keep each IN list well under the protocol's parameter limit.
const IN_CHUNK = 1000;
async function inChunks<Row>(values: readonly string[], query: (chunk: string[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) rows.push(...(await query(values.slice(i, i + IN_CHUNK))));
  return rows;
}

function sortLike<Row extends { id: string }>(rows: readonly Row[], ids: readonly string[]): Row[] {
  const position = new Map(ids.map((id, index) => [id, index]));
  return [...rows].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
}
