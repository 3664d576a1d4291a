/**
 * Reads HSDS 3.0 JSON: an array of fully nested services (as `/open-data/hsds/services/{id}` gives them, or the list
 * with `full=true`), one page `{ "contents": [...] }`, or an array of such pages. Services are grouped by location:
 * each location is one point, as one spreadsheet row is. What HSDS has no field for (service type, operator kind,
 * cost kind, province and commune codes) comes from the attributes the export writes (`export/taxonomy.ts`); a
 * location without our row id uses its own id as the row id.
 */
import { getProvince } from '#src/features/admin-units/index.ts';
import {
  hsdsStatuses,
  type CostKind,
  type HsdsStatus,
  type OperatorKind,
  type ServiceType,
} from '#src/features/lists/index.ts';
import {
  attributeCode,
  attributeValue,
  ENGLISH_DESCRIPTION,
  ROW_ID_SCHEME,
  TAXONOMIES,
} from '#src/features/directory/export/taxonomy.ts';
import { resolveCommune } from './commune.ts';
import { crossCheck } from './cross-check.ts';
import { decodeUtf8, type ReadResult, type RowProgress } from './csv.ts';
import { fromByday, parseTime, type WeeklyRange } from './hours.ts';
import type { ImportProblem, ProblemCode } from './messages.ts';
import type { ImportPoint, ImportService } from './model.ts';
import { MAX_DESCRIPTION, ROW_ID_PATTERN, type RowContext } from './row.ts';
import { insideVietnam, padCode, parseDate, parsePhone } from './values.ts';
import { costWords, findLanguage, operatorKindWords, serviceTypeWords, statusWords } from './vocabulary.ts';
import { checkPlace, ISLAND_RADIUS_KM, OUTLINE_TOLERANCE_KM } from './place-check.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC').trim() : '');
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

// Ranks statuses so that a location takes the "most open" status of its services.
const STATUS_RANK: Readonly<Record<HsdsStatus, number>> = {
  active: 0,
  'temporarily closed': 1,
  inactive: 2,
  defunct: 3,
};

/** The services of a parsed JSON document, or undefined if it has none of the accepted shapes. */
export function servicesOf(document: unknown): unknown[] | undefined {
  if (isObject(document) && Array.isArray(document['contents'])) return document['contents'];
  if (!Array.isArray(document)) return undefined;
  if (document.length > 0 && document.every((item) => isObject(item) && Array.isArray(item['contents']))) {
    return document.flatMap((page) => array((page as Json)['contents']));
  }
  return document;
}

interface PointDraft {
  readonly row: number;
  readonly fields: Omit<ImportPoint, 'services' | 'status' | 'row'>;
  readonly services: DatedService[];
}

/** Reads and checks an HSDS JSON file. A "row" is the position of a service in the file (from 1). */
export function readHsdsJson(bytes: Uint8Array, context: RowContext, onRow?: RowProgress): ReadResult {
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) return fileProblem('file-not-utf8');
  let document: unknown;
  try {
    document = JSON.parse(decoded.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fileProblem('json-malformed', { detail: error instanceof Error ? error.message : String(error) });
  }
  const list = servicesOf(document);
  if (list === undefined) return fileProblem('json-shape');
  if (list.length === 0) return fileProblem('file-empty');

  const problems: ImportProblem[] = [];
  const drafts = new Map<string, PointDraft>();
  // Locations already reported as wrong: their other services do not repeat the same problems.
  const refused = new Set<string>();
  list.forEach((item, index) => {
    onRow?.(index + 1, list.length);
    const row = index + 1;
    const report = (column: string | null, code: ProblemCode, params: Record<string, string | number> = {}) => {
      problems.push({ row, column, code, params });
    };
    if (!isObject(item)) {
      report(null, 'json-shape');
      return;
    }
    const service = readService(item, report);
    const organization = readOrganization(item['organization'], report);
    const links = array(item['service_at_locations']).filter(isObject);
    const located = links.filter((link) => isObject(link['location']));
    if (located.length === 0) report('service_at_locations', 'json-no-location');
    located.forEach((link, linkIndex) => {
      const location = link['location'] as Json;
      const path = `service_at_locations[${linkIndex}].location`;
      const key = text(location['id']) || `${row}:${linkIndex}`;
      const existing = drafts.get(key);
      if (existing) {
        if (service) existing.services.push(service);
        return;
      }
      if (refused.has(key)) return;
      const fields = readLocation(location, path, report, context);
      if (!fields) refused.add(key);
      if (fields && organization) {
        drafts.set(key, {
          row,
          fields: { ...fields, organization, checkedOn: fields.checkedOn ?? service?.checkedOn ?? null },
          services: service ? [service] : [],
        });
      }
    });
  });

  const points: ImportPoint[] = [...drafts.values()].map((draft) => {
    const services = dedupeByType(draft.services);
    const status = services.reduce<HsdsStatus>(
      (best, s) => (STATUS_RANK[s.status] < STATUS_RANK[best] ? s.status : best),
      services[0]?.status ?? 'active',
    );
    return { ...draft.fields, row: draft.row, services: services.map(stripDate), status };
  });
  problems.push(
    ...crossCheck(points, { rowId: 'location.external_identifier', operatorKind: 'organization.attributes' }),
  );
  return { points, problems, rows: list.length };
}

type Report = (column: string | null, code: ProblemCode, params?: Record<string, string | number>) => void;
type DatedService = ImportService & { readonly checkedOn: string | null };

function readService(item: Json, report: Report): DatedService | undefined {
  let ok = true;
  const typeCode = attributeCode(item['attributes'], TAXONOMIES.serviceType);
  const type: ServiceType | undefined = typeCode === undefined ? undefined : serviceTypeWords.find(typeCode);
  if (type === undefined) {
    report('attributes', 'unknown-service-type', {
      value: typeCode ?? '',
      expected: serviceTypeWords.codes.join(', '),
    });
    ok = false;
  }
  const statusText = text(item['status']);
  const status: HsdsStatus | undefined = statusText === '' ? 'active' : statusWords.find(statusText);
  if (status === undefined) {
    report('status', 'unknown-status', { value: statusText, expected: hsdsStatuses.codes.join(', ') });
    ok = false;
  }
  const minAge = age(item['minimum_age'], 'minimum_age');
  const maxAge = age(item['maximum_age'], 'maximum_age');
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    report('minimum_age', 'age-order');
    ok = false;
  }
  const costs: CostKind[] = [];
  array(item['cost_options']).forEach((option, index) => {
    if (!isObject(option)) return;
    const code = attributeCode(option['attributes'], TAXONOMIES.costKind);
    const kind =
      (code === undefined ? undefined : costWords.find(code)) ??
      costWords.find(text(option['option'])) ??
      (option['amount'] === 0 ? 'free' : undefined);
    if (kind === undefined) {
      report(`cost_options[${index}]`, 'unknown-cost', { value: code ?? text(option['option']) });
      ok = false;
    } else if (!costs.includes(kind)) costs.push(kind);
  });
  const languages: string[] = [];
  array(item['languages']).forEach((language, index) => {
    if (!isObject(language)) return;
    const written = text(language['code']) || text(language['name']);
    const known = findLanguage(written);
    if (known === undefined) {
      report(`languages[${index}]`, 'unknown-language', { value: written });
      ok = false;
    } else if (!languages.includes(known.code)) languages.push(known.code);
  });
  let checkedOn: string | null = null;
  const assured = text(item['assured_date']);
  if (assured !== '') {
    const date = parseDate(assured);
    if (date.ok) checkedOn = date.value;
    else {
      report('assured_date', 'invalid-date', { value: assured });
      ok = false;
    }
  }
  const descriptions = readDescriptions(item, '', report);
  if (descriptions === undefined) ok = false;
  const name = text(item['name']);
  if (!ok || type === undefined || status === undefined || descriptions === undefined) return undefined;
  return {
    type,
    name: name === '' ? undefined : name,
    status,
    costs,
    languages,
    minAge,
    maxAge,
    checkedOn,
    ...descriptions,
  };

  function age(value: unknown, field: string): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 120) return value;
    report(field, 'invalid-age', { value: String(value) });
    ok = false;
    return null;
  }
}

function readOrganization(value: unknown, report: Report): ImportPoint['organization'] | undefined {
  if (!isObject(value)) {
    report('organization', 'required');
    return undefined;
  }
  const name = text(value['name']);
  if (name === '') report('organization.name', 'required');
  const code = attributeCode(value['attributes'], TAXONOMIES.operatorKind);
  const kind: OperatorKind | undefined = code === undefined ? undefined : operatorKindWords.find(code);
  if (kind === undefined) {
    report('organization.attributes', 'unknown-operator-kind', {
      value: code ?? '',
      expected: operatorKindWords.codes.join(', '),
    });
  }
  return name === '' || kind === undefined ? undefined : { name, operatorKind: kind };
}

function readLocation(
  location: Json,
  path: string,
  report: Report,
  context: RowContext,
): Omit<PointDraft['fields'], 'organization'> | undefined {
  let ok = true;
  const fail = (field: string, code: ProblemCode, params: Record<string, string | number> = {}) => {
    report(`${path}.${field}`, code, params);
    ok = false;
  };
  const external = text(location['external_identifier']);
  const rowId =
    text(location['external_identifier_type']) === ROW_ID_SCHEME && external !== '' ? external : text(location['id']);
  if (rowId === '') fail('id', 'required');
  else if (!ROW_ID_PATTERN.test(rowId)) fail('external_identifier', 'invalid-row-id', { value: rowId });

  const provinceAttribute = attributeCode(location['attributes'], TAXONOMIES.province);
  let provinceCode: string | undefined;
  if (provinceAttribute === undefined) {
    if (context.province === undefined) fail('attributes', 'required');
    else provinceCode = context.province;
  } else {
    const code = padCode(provinceAttribute, 2);
    if (code === undefined || getProvince(code) === undefined)
      fail('attributes', 'unknown-province', { value: provinceAttribute });
    else if (context.province !== undefined && code !== context.province) {
      fail('attributes', 'province-not-selected', { value: code, expected: context.province });
    } else provinceCode = code;
  }

  const addresses = array(location['addresses']).filter(isObject);
  const physical = addresses.find((a) => text(a['address_type']) !== 'postal') ?? addresses[0];
  let commune: { code: string; lat: number; lon: number } | undefined;
  const communeWritten = attributeCode(location['attributes'], TAXONOMIES.commune) ?? text(physical?.['city']);
  if (communeWritten === '') fail('attributes', 'required');
  else if (provinceCode !== undefined) {
    const answer = resolveCommune(communeWritten, provinceCode);
    if (answer.ok) commune = answer;
    else fail('attributes', answer.code, answer.params);
  }

  const name = text(location['name']);
  if (name === '') fail('name', 'required');

  const lat = location['latitude'];
  const lon = location['longitude'];
  let position: { lat: number; lon: number } | undefined;
  if (typeof lat === 'number' && typeof lon === 'number') {
    if (!insideVietnam(lat, lon)) fail('latitude', 'outside-vietnam', { value: `${lat}, ${lon}` });
    else if (commune !== undefined && provinceCode !== undefined) {
      const place = checkPlace({ lat, lon }, { provinceCode, lat: commune.lat, lon: commune.lon });
      if (place.ok) position = { lat, lon };
      else {
        fail('latitude', 'outside-province', {
          value: `${lat}, ${lon}`,
          province: getProvince(provinceCode)?.fullName ?? provinceCode,
          km: place.km,
          tolerance: OUTLINE_TOLERANCE_KM,
          island: ISLAND_RADIUS_KM,
        });
      }
    } else position = { lat, lon };
  } else if ((lat === undefined || lat === null) !== (lon === undefined || lon === null))
    fail('latitude', 'coordinates-pair');

  const phones: string[] = [];
  array(location['phones']).forEach((phone, index) => {
    if (!isObject(phone)) return;
    const written = text(phone['number']);
    const parsed = parsePhone(written);
    if (!parsed.ok) fail(`phones[${index}].number`, 'invalid-phone', { value: written });
    else if (!phones.includes(parsed.value)) phones.push(parsed.value);
  });

  const hours: WeeklyRange[] = [];
  array(location['schedules']).forEach((schedule, index) => {
    if (!isObject(schedule)) return;
    const days = fromByday(text(schedule['byday']));
    const opens = localMinutes(text(schedule['opens_at']));
    const closes = localMinutes(text(schedule['closes_at']));
    const freq = text(schedule['freq']);
    const shown = `${text(schedule['byday'])} ${text(schedule['opens_at'])}-${text(schedule['closes_at'])}`;
    if (days === undefined || days.length === 0) {
      fail(`schedules[${index}].byday`, 'invalid-hours', { value: shown, reason: 'hours-bad-day' });
    } else if ((freq !== '' && freq !== 'WEEKLY') || opens === undefined || closes === undefined || opens === 24 * 60) {
      fail(`schedules[${index}]`, 'invalid-hours', { value: shown, reason: 'hours-bad-time' });
    } else if (closes <= opens) {
      fail(`schedules[${index}]`, 'invalid-hours', { value: shown, reason: 'hours-closes-before-opens' });
    } else hours.push({ days, opens, closes });
  });

  const descriptions = readDescriptions(location, `${path}.`, report);
  if (descriptions === undefined) ok = false;
  const address = text(physical?.['address_1']);
  if (!ok || provinceCode === undefined || commune === undefined || descriptions === undefined) return undefined;
  return {
    rowId,
    provinceCode,
    communeCode: commune.code,
    name,
    address: address === '' ? null : address,
    lat: position?.lat ?? commune.lat,
    lon: position?.lon ?? commune.lon,
    phones,
    notificationEmail: undefined,
    hours,
    checkedOn: null,
    ...descriptions,
  };
}

/**
 * A record's `description` (Vietnamese) and its description in English, the `value` of its `hotro-english` attribute
 * (`export/taxonomy.ts`). HSDS JSON is a whole record: an absent one is no description (null), not "keep". Undefined
 * when one is too long (reported).
 */
function readDescriptions(
  record: Json,
  prefix: string,
  report: Report,
): { description: string | null; descriptionEn: string | null } | undefined {
  const vi = text(record['description']);
  const en = text(attributeValue(record['attributes'], TAXONOMIES.english, ENGLISH_DESCRIPTION));
  let ok = true;
  if (vi.length > MAX_DESCRIPTION) {
    report(`${prefix}description`, 'too-long', { max: MAX_DESCRIPTION });
    ok = false;
  }
  if (en.length > MAX_DESCRIPTION) {
    report(`${prefix}attributes[${TAXONOMIES.english}]`, 'too-long', { max: MAX_DESCRIPTION });
    ok = false;
  }
  return ok ? { description: vi === '' ? null : vi, descriptionEn: en === '' ? null : en } : undefined;
}

/** Minutes since local midnight of an HSDS time ("07:30", "07:30:00", "07:30+07:00"); other offsets are refused. */
function localMinutes(value: string): number | undefined {
  const match = /^(\d{1,2}:\d{2}(?::\d{2})?)(\+07:00|\+0700|\+07)?$/.exec(value);
  return match?.[1] === undefined ? undefined : parseTime(match[1]);
}

function dedupeByType(services: readonly DatedService[]): DatedService[] {
  const byType = new Map<ServiceType, DatedService>();
  for (const service of services) if (!byType.has(service.type)) byType.set(service.type, service);
  return [...byType.values()];
}

function stripDate(service: DatedService): ImportService {
  const { checkedOn: _checkedOn, ...rest } = service;
  return rest;
}

function fileProblem(code: ProblemCode, params: Record<string, string> = {}): ReadResult {
  return { points: [], problems: [{ row: 0, column: null, code, params }], rows: 0 };
}
