/**
 * Builds Open Referral HSDS 3.0 objects from database rows: the fully nested service (`/services/{id}`), the list
 * item with one-to-one fields only (`/services`), and the organization in both forms. A field with no value is left
 * out rather than sent as null (HSDS types are plain strings and numbers). The notification e-mail of a location is
 * never read here: it is not in any object this module builds.
 *
 * Credit: Human Services Data Specification 3.0, an Open Referral resource (https://openreferral.org/), CC BY-SA 4.0.
 */
import { getCommune, getProvince } from '#src/features/admin-units/index.ts';
import {
  costKinds,
  operatorKinds,
  serviceTypes,
  type CostKind,
  type OperatorKind,
  type ServiceType,
} from '#src/features/lists/index.ts';
import { ids } from '#src/features/directory/import/ids.ts';
import { fromDbTime, formatTime } from '#src/features/directory/import/hours.ts';
import type {
  AreaRow,
  CostRow,
  LanguageRow,
  LinkRow,
  LocationGraph,
  OrganizationRow,
  PhoneRow,
  ScheduleRow,
  ServiceGraph,
  ServiceRow,
} from './load.server.ts';
import { attribute, DEMO_FLAG, englishDescription, ROW_ID_SCHEME, TAXONOMIES, type HsdsAttribute } from './taxonomy.ts';

/** A JSON object as sent. */
export type HsdsObject = Record<string, unknown>;

/** Vietnam's offset from UTC in hours, as HSDS `schedule.timezone` wants it. */
const VIETNAM_UTC_OFFSET = 7;

/** The alert put on every demo service. */
export const DEMO_ALERT = 'Dữ liệu minh hoạ (demo), không phải một điểm hỗ trợ thật. / Demo data: not a real service.';

/** Drops undefined and null fields, so that no HSDS string or number field is sent as null. */
function compact(object: Record<string, unknown>): HsdsObject {
  const out: HsdsObject = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined && value !== null) out[key] = value;
  return out;
}

const isUri = (value: string | null): string | undefined => (value !== null && URL.canParse(value) ? value : undefined);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isEmail = (value: string | null): string | undefined => (value !== null && EMAIL.test(value) ? value : undefined);
const numberOrUndefined = (value: string | null): number | undefined => (value === null ? undefined : Number(value));
const iso = (date: Date): string => date.toISOString();

const demoAttribute = (linkId: string, entity: 'service' | 'organization' | 'location'): HsdsAttribute =>
  attribute(linkId, entity, TAXONOMIES.flag, {
    code: DEMO_FLAG,
    name: 'Dữ liệu minh hoạ',
    description: 'Demo data generated for trying the portal; not a real service.',
  });

/** The organization's one-to-one fields (the `/organizations` list item, and `service_list`'s organization). */
export function organizationListItem(org: OrganizationRow): HsdsObject {
  return compact({
    id: org.id,
    name: org.name,
    alternate_name: org.alternateName,
    description: org.description,
    email: isEmail(org.email),
    website: isUri(org.website),
    parent_organization_id: org.parentOrganizationId,
  });
}

function organizationAttributes(org: OrganizationRow): HsdsAttribute[] {
  const kind = org.operatorKind as OperatorKind;
  const list = [
    attribute(org.id, 'organization', TAXONOMIES.operatorKind, {
      code: kind,
      name: operatorKinds.label(kind, 'vi'),
      description: operatorKinds.label(kind, 'en'),
    }),
  ];
  if (org.isDemo) list.push(demoAttribute(org.id, 'organization'));
  return list;
}

/** The organization as nested in a service: one-to-one fields, its phones and what kind of body it is. */
function nestedOrganization(
  org: OrganizationRow,
  orgPhones: readonly PhoneRow[],
  phoneLanguages: PhoneLanguages,
): HsdsObject {
  return {
    ...organizationListItem(org),
    phones: orgPhones.map((p) => phone(p, phoneLanguages)),
    attributes: organizationAttributes(org),
  };
}

/** The fully nested organization (`/organizations/{id}`): locations and services included. */
export function fullOrganization(
  org: OrganizationRow,
  orgPhones: readonly PhoneRow[],
  orgLocations: readonly LocationGraph[],
  orgServices: readonly HsdsObject[],
): HsdsObject {
  return {
    ...organizationListItem(org),
    phones: orgPhones.map((p) => phone(p, new Map())),
    locations: orgLocations.map((graph) => location(graph, new Map())),
    services: orgServices,
    attributes: organizationAttributes(org),
  };
}

type PhoneLanguages = ReadonlyMap<string, readonly LanguageRow[]>;

/** The service's one-to-one fields, with its organization's (the `/services` list item). */
export function serviceListItem(graph: ServiceGraph): HsdsObject {
  return {
    ...serviceFields(graph.service, graph.lastModified),
    organization: organizationListItem(graph.organization),
  };
}

/** The fully nested service (`/services/{id}`). */
export function fullService(graph: ServiceGraph): HsdsObject {
  const { service } = graph;
  const type = service.serviceType as ServiceType;
  const attributes = [
    attribute(service.id, 'service', TAXONOMIES.serviceType, {
      code: type,
      name: serviceTypes.label(type, 'vi'),
      description: serviceTypes.label(type, 'en'),
    }),
  ];
  if (service.isDemo) attributes.push(demoAttribute(service.id, 'service'));
  if (service.descriptionEn !== null) attributes.push(englishDescription(service.id, 'service', service.descriptionEn));
  return {
    ...serviceFields(service, graph.lastModified),
    organization: nestedOrganization(graph.organization, graph.organizationPhones, graph.phoneLanguages),
    service_at_locations: graph.links.map((entry) => serviceAtLocation(entry, graph.phoneLanguages)),
    phones: graph.phones.map((p) => phone(p, graph.phoneLanguages)),
    schedules: [],
    languages: graph.languages.map(language),
    cost_options: graph.costs.map(costOption),
    service_areas: graph.areas.map(serviceArea),
    attributes,
  };
}

function serviceFields(service: ServiceRow, modified: Date): HsdsObject {
  const alert = service.isDemo ? [DEMO_ALERT, service.alert].filter(Boolean).join(' ') : service.alert;
  return compact({
    id: service.id,
    organization_id: service.organizationId,
    name: service.name,
    alternate_name: service.alternateName,
    description: service.description,
    url: isUri(service.url),
    email: isEmail(service.email),
    status: service.status,
    interpretation_services: service.interpretationServices,
    application_process: service.applicationProcess,
    fees_description: service.feesDescription,
    eligibility_description: service.eligibilityDescription,
    minimum_age: service.minAge,
    maximum_age: service.maxAge,
    assured_date: service.checkedOn,
    alert,
    last_modified: iso(modified),
  });
}

function serviceAtLocation(
  entry: { link: LinkRow; location: LocationGraph; phones: readonly PhoneRow[]; schedules: readonly ScheduleRow[] },
  phoneLanguages: PhoneLanguages,
): HsdsObject {
  return compact({
    id: entry.link.id,
    service_id: entry.link.serviceId,
    location_id: entry.link.locationId,
    description: entry.link.description,
    phones: entry.phones.map((p) => phone(p, phoneLanguages)),
    schedules: entry.schedules.map(schedule),
    location: location(entry.location, phoneLanguages),
  });
}

/** A location's one-to-one fields (the location of a service-at-location list item). Never the notification e-mail. */
function locationFields(loc: LocationGraph['location']): HsdsObject {
  return compact({
    id: loc.id,
    location_type: loc.locationType,
    url: isUri(loc.url),
    organization_id: loc.organizationId,
    name: loc.name,
    alternate_name: loc.alternateName,
    description: loc.description,
    transportation: loc.transportation,
    latitude: loc.latitude,
    longitude: loc.longitude,
    external_identifier: loc.sourceRowId ?? undefined,
    external_identifier_type: loc.sourceRowId === null ? undefined : ROW_ID_SCHEME,
  });
}

/** An HSDS location, nested. Never the notification e-mail. */
function location(graph: LocationGraph, phoneLanguages: PhoneLanguages): HsdsObject {
  const loc = graph.location;
  const province = getProvince(loc.provinceCode);
  const commune = loc.communeCode === null ? undefined : getCommune(loc.communeCode);
  const attributes: HsdsAttribute[] = [];
  if (province) {
    attributes.push(
      attribute(loc.id, 'location', TAXONOMIES.province, {
        code: province.code,
        name: province.fullName,
        description: `${province.fullName} (${province.nameEn})`,
      }),
    );
  }
  if (commune) {
    attributes.push(
      attribute(loc.id, 'location', TAXONOMIES.commune, {
        code: commune.code,
        name: commune.fullName,
        description: `${commune.fullName}, ${commune.province.fullName}`,
      }),
    );
  }
  if (loc.isDemo) attributes.push(demoAttribute(loc.id, 'location'));
  if (loc.descriptionEn !== null) attributes.push(englishDescription(loc.id, 'location', loc.descriptionEn));
  const addresses =
    loc.locationType === 'virtual'
      ? []
      : [
          {
            id: ids.address(loc.id),
            location_id: loc.id,
            address_1: loc.address ?? '',
            city: commune?.fullName ?? '',
            state_province: province?.fullName ?? '',
            // Vietnam's postcodes are not in the directory; HSDS requires the field, so it is present and empty.
            postal_code: '',
            country: 'VN',
            address_type: 'physical',
          },
        ];
  return {
    ...locationFields(loc),
    languages: graph.languages.map(language),
    addresses,
    phones: graph.phones.map((p) => phone(p, phoneLanguages)),
    schedules: graph.schedules.map(schedule),
    attributes,
  };
}

/**
 * A service at one location (`/service_at_locations`): its own fields with its location's and its service's one-to-one
 * fields (HSDS compiled/service_at_location_list.json), or with `full` its nested phones, hours and location as the
 * fully nested service shows them, with the service's one-to-one fields. `undefined` when the link is not in the graph.
 */
export function serviceAtLocationObject(graph: ServiceGraph, linkId: string, full: boolean): HsdsObject | undefined {
  const entry = graph.links.find((candidate) => candidate.link.id === linkId);
  if (!entry) return undefined;
  const service = serviceListItem(graph);
  if (full) return { ...serviceAtLocation(entry, graph.phoneLanguages), service };
  return compact({
    id: entry.link.id,
    service_id: entry.link.serviceId,
    location_id: entry.link.locationId,
    description: entry.link.description,
    location: locationFields(entry.location.location),
    service,
  });
}

function phone(row: PhoneRow, phoneLanguages: PhoneLanguages): HsdsObject {
  return compact({
    id: row.id,
    organization_id: row.organizationId,
    service_id: row.serviceId,
    location_id: row.locationId,
    service_at_location_id: row.serviceAtLocationId,
    number: row.number,
    extension: row.extension,
    type: row.type,
    description: row.description,
    languages: (phoneLanguages.get(row.id) ?? []).map(language),
  });
}

/** HSDS schedule: weekly, local time with Vietnam's offset. */
function schedule(row: ScheduleRow): HsdsObject {
  const time = (value: string) => {
    const minutes = fromDbTime(value);
    return minutes === undefined ? value : `${formatTime(minutes)}+07:00`;
  };
  return compact({
    id: row.id,
    location_id: row.locationId,
    service_at_location_id: row.serviceAtLocationId,
    valid_from: row.validFrom,
    valid_to: row.validTo,
    timezone: VIETNAM_UTC_OFFSET,
    freq: 'WEEKLY',
    wkst: 'MO',
    byday: row.byday,
    opens_at: time(row.opensAt),
    closes_at: time(row.closesAt),
    description: row.description,
    notes: row.notes,
  });
}

function language(row: LanguageRow): HsdsObject {
  return compact({
    id: row.id,
    service_id: row.serviceId,
    location_id: row.locationId,
    phone_id: row.phoneId,
    name: row.name,
    code: row.code,
    note: row.note,
  });
}

function costOption(row: CostRow): HsdsObject {
  const kind = row.kind as CostKind;
  const amount = numberOrUndefined(row.amount) ?? (kind === 'free' ? 0 : undefined);
  return compact({
    id: row.id,
    service_id: row.serviceId,
    valid_from: row.validFrom,
    valid_to: row.validTo,
    option: row.option,
    currency: row.currency,
    amount,
    amount_description: row.amountDescription ?? costKinds.label(kind, 'vi'),
    attributes: [
      attribute(row.id, 'cost_option', TAXONOMIES.costKind, {
        code: kind,
        name: costKinds.label(kind, 'vi'),
        description: costKinds.label(kind, 'en'),
      }),
    ],
  });
}

function serviceArea(row: AreaRow): HsdsObject {
  const province = getProvince(row.provinceCode);
  const commune = row.communeCode === null ? undefined : getCommune(row.communeCode);
  const attributes: HsdsAttribute[] = [];
  if (province) {
    attributes.push(
      attribute(row.id, 'service_area', TAXONOMIES.province, {
        code: province.code,
        name: province.fullName,
        description: province.fullName,
      }),
    );
  }
  if (commune) {
    attributes.push(
      attribute(row.id, 'service_area', TAXONOMIES.commune, {
        code: commune.code,
        name: commune.fullName,
        description: `${commune.fullName}, ${commune.province.fullName}`,
      }),
    );
  }
  return compact({
    id: row.id,
    service_id: row.serviceId,
    name: commune?.fullName ?? province?.fullName ?? row.provinceCode,
    description: row.description,
    extent_type: 'administrative_unit',
    attributes,
  });
}
