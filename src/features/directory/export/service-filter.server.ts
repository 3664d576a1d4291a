/**
 * The filters HSDS clients put on `/services` and `/service_at_locations`: free-text `search`, `taxonomy_term_id`,
 * `taxonomy_id`, `organization_id` and `modified_after`, as SQL conditions on `services`, plus the one definition of a
 * service's `last_modified` (the latest change to the service or anything the fully nested service shows), used both
 * to filter and to write the field, so the two always agree.
 */
import { and, eq, exists, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { getCommune } from '#src/features/admin-units/index.ts';
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
import { TAXONOMIES, DEMO_FLAG, ENGLISH_DESCRIPTION, type TaxonomyName } from './taxonomy.ts';
import { matchesAllWords } from './text-match.ts';

/** Which rows the export shows: demo rows only when the portal runs in demo mode. */
export interface Visibility {
  readonly demo: boolean;
}

/** A term filter: a taxonomy, and one of its codes (or any code, for `taxonomy_id`). */
export interface TermFilter {
  readonly taxonomy: TaxonomyName;
  readonly code?: string;
}

/** Filters of the services and service-at-location lists. */
export interface ServiceFilter {
  readonly organizationId?: string | undefined;
  /** Ids of the services a free-text search matched (see {@link searchServiceIds}); an empty list matches nothing. */
  readonly ids?: readonly string[] | undefined;
  readonly terms?: readonly TermFilter[] | undefined;
  readonly modifiedAfter?: Date | undefined;
}

export const visibleServices = (v: Visibility): SQL | undefined => (v.demo ? undefined : eq(services.isDemo, false));
export const visibleLocations = (v: Visibility): SQL | undefined => (v.demo ? undefined : eq(locations.isDemo, false));

// The service's visible links (service_at_location whose location is visible), as a subquery of link ids.
const visibleLinkIds = (v: Visibility) =>
  sql`(select ${serviceAtLocation.id} from ${serviceAtLocation} join ${locations} on ${locations.id} = ${serviceAtLocation.locationId}
       where ${serviceAtLocation.serviceId} = ${services.id}${v.demo ? sql`` : sql` and ${locations.isDemo} = false`})`;
const visibleLocationIds = (v: Visibility) =>
  sql`(select ${serviceAtLocation.locationId} from ${serviceAtLocation} join ${locations} on ${locations.id} = ${serviceAtLocation.locationId}
       where ${serviceAtLocation.serviceId} = ${services.id}${v.demo ? sql`` : sql` and ${locations.isDemo} = false`})`;

/**
 * `last_modified` of a service: the latest `updated_at` of the service, its organization and the organization's
 * phones, its visible links and their locations, and every phone, schedule, language, cost option and service area
 * shown with them. `greatest` skips the NULLs of empty subqueries.
 */
export function serviceLastModified(v: Visibility): SQL<Date> {
  const links = visibleLinkIds(v);
  const places = visibleLocationIds(v);
  const phoneIds = sql`(select ${phones.id} from ${phones} where ${phones.serviceId} = ${services.id}
      or ${phones.organizationId} = ${services.organizationId}
      or ${phones.locationId} in ${places} or ${phones.serviceAtLocationId} in ${links})`;
  return sql<Date>`greatest(
    ${services.updatedAt},
    (select max(${organizations.updatedAt}) from ${organizations} where ${organizations.id} = ${services.organizationId}),
    (select max(${serviceAtLocation.updatedAt}) from ${serviceAtLocation} where ${serviceAtLocation.id} in ${links}),
    (select max(${locations.updatedAt}) from ${locations} where ${locations.id} in ${places}),
    (select max(${phones.updatedAt}) from ${phones} where ${phones.id} in ${phoneIds}),
    (select max(${schedules.updatedAt}) from ${schedules}
      where ${schedules.locationId} in ${places} or ${schedules.serviceAtLocationId} in ${links}),
    (select max(${languages.updatedAt}) from ${languages}
      where ${languages.serviceId} = ${services.id} or ${languages.locationId} in ${places} or ${languages.phoneId} in ${phoneIds}),
    (select max(${costOptions.updatedAt}) from ${costOptions} where ${costOptions.serviceId} = ${services.id}),
    (select max(${serviceAreas.updatedAt}) from ${serviceAreas} where ${serviceAreas.serviceId} = ${services.id})
  )`.mapWith((value: unknown) => (value instanceof Date ? value : new Date(String(value))));
}

/** The SQL condition on `services` for these filters (visibility included). */
export function serviceWhere(db: Database, v: Visibility, filter: ServiceFilter): SQL | undefined {
  return and(
    visibleServices(v),
    filter.organizationId === undefined ? undefined : eq(services.organizationId, filter.organizationId),
    filter.ids === undefined ? undefined : filter.ids.length === 0 ? sql`false` : inArray(services.id, [...filter.ids]),
    ...(filter.terms ?? []).map((term) => termCondition(db, v, term)),
    filter.modifiedAfter === undefined ? undefined : sql`${serviceLastModified(v)} >= ${filter.modifiedAfter}`,
  );
}

// A service "has" a term when the term is on it or on anything its fully nested form shows: its type, its
// organization's kind, its cost options, its locations' and service areas' province and commune, the demo flag.
function termCondition(db: Database, v: Visibility, term: TermFilter): SQL {
  const { code } = term;
  const atLocation = (where: SQL | undefined) =>
    exists(
      db
        .select({ one: serviceAtLocation.id })
        .from(serviceAtLocation)
        .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
        .where(and(eq(serviceAtLocation.serviceId, services.id), visibleLocations(v), where)),
    );
  const inArea = (where: SQL | undefined) =>
    exists(
      db
        .select({ one: serviceAreas.id })
        .from(serviceAreas)
        .where(and(eq(serviceAreas.serviceId, services.id), where)),
    );
  switch (term.taxonomy) {
    case TAXONOMIES.serviceType:
      return code === undefined ? sql`true` : eq(services.serviceType, code);
    case TAXONOMIES.operatorKind:
      return code === undefined
        ? sql`true`
        : exists(
            db
              .select({ one: organizations.id })
              .from(organizations)
              .where(and(eq(organizations.id, services.organizationId), eq(organizations.operatorKind, code))),
          );
    case TAXONOMIES.costKind:
      return exists(
        db
          .select({ one: costOptions.id })
          .from(costOptions)
          .where(
            and(eq(costOptions.serviceId, services.id), code === undefined ? undefined : eq(costOptions.kind, code)),
          ),
      );
    case TAXONOMIES.province:
      return code === undefined
        ? or(atLocation(undefined), inArea(undefined))!
        : or(atLocation(eq(locations.provinceCode, code)), inArea(eq(serviceAreas.provinceCode, code)))!;
    case TAXONOMIES.commune:
      return code === undefined
        ? or(atLocation(isNotNull(locations.communeCode)), inArea(isNotNull(serviceAreas.communeCode)))!
        : or(atLocation(eq(locations.communeCode, code)), inArea(eq(serviceAreas.communeCode, code)))!;
    case TAXONOMIES.flag:
      return code === undefined || code === DEMO_FLAG ? eq(services.isDemo, true) : sql`false`;
    case TAXONOMIES.english:
      // The export puts this attribute on a service and a location that have an English description.
      return code === undefined || code === ENGLISH_DESCRIPTION
        ? or(isNotNull(services.descriptionEn), atLocation(isNotNull(locations.descriptionEn)))!
        : sql`false`;
  }
}

/**
 * Ids of the visible services a free-text search matches: every word of the query (accents, case and đ/d ignored)
 * starts a word of the service's name, alternate name or description, its organization's name, or the name,
 * address or commune of one of its visible locations. Done in memory: folding Vietnamese needs the same rules as the
 * place search, and a national directory is a few thousand services.
 */
export async function searchServiceIds(db: Database, v: Visibility, query: string): Promise<string[]> {
  const serviceRows = await db
    .select({
      id: services.id,
      name: services.name,
      alternateName: services.alternateName,
      description: services.description,
      organizationName: organizations.name,
      organizationAlternateName: organizations.alternateName,
    })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(visibleServices(v));
  const placeRows = await db
    .select({
      serviceId: serviceAtLocation.serviceId,
      name: locations.name,
      address: locations.address,
      communeCode: locations.communeCode,
    })
    .from(serviceAtLocation)
    .innerJoin(locations, eq(locations.id, serviceAtLocation.locationId))
    .where(visibleLocations(v));
  const places = new Map<string, string[]>();
  for (const row of placeRows) {
    const list = places.get(row.serviceId) ?? [];
    const commune = row.communeCode === null ? undefined : getCommune(row.communeCode);
    list.push(row.name, row.address ?? '', commune?.fullName ?? '', commune?.province.fullName ?? '');
    places.set(row.serviceId, list);
  }
  return serviceRows
    .filter((row) =>
      matchesAllWords(query, [
        row.name,
        row.alternateName ?? '',
        row.description ?? '',
        row.organizationName,
        row.organizationAlternateName ?? '',
        ...(places.get(row.id) ?? []),
      ]),
    )
    .map((row) => row.id);
}
