/**
 * The locator's query string (a public contract, DESIGN.md): what each parameter means, how it is checked, and how a
 * query is written back into a URL. Vietnamese and English pages take the same parameters.
 *
 * | param      | meaning                                                        |
 * |------------|----------------------------------------------------------------|
 * | `q`        | a place name (commune, ward, special zone, province; pre-2025 names too), ≤ 100 characters |
 * | `commune`  | the exact current commune code (5 digits), set by candidate links and the autocomplete |
 * | `lat`,`lon`| a position (WGS 84, inside Vietnam's frame), rounded here to 2 decimals (about 1 km) |
 * | `service`  | one service type code (`serviceTypes`)                         |
 * | `free`     | `1`: free-of-charge services only                              |
 * | `open`     | `1`: open now only                                             |
 * | `language` | a language code from {@link LOCATOR_LANGUAGES}                 |
 * | `age`      | the age of the person who needs help, 0–120                    |
 *
 * Errors are i18n keys (resolved by the page), one per field, in the form's order.
 */
import { z } from 'astro/zod';
import type { MessageKey } from '#src/i18n/index.ts';
import { getCommune, getProvince, MAX_QUERY_LENGTH } from '#src/features/admin-units/index.ts';
import { serviceTypes, type ServiceType } from '#src/features/lists/index.ts';

/**
 * Languages a person can ask for: Vietnamese, English, Chinese, and the languages of Vietnam's larger ethnic groups
 * (ISO 639-1 where there is a code, else ISO 639-3: `hmn` H'Mông, `tyz` Tày, `nut` Nùng, `blt` Thái, `rad` Ê Đê,
 * `jra` Gia Rai, `sed` Xơ Đăng, `kpm` K'Ho, `cjm` Chăm).
 */
export const LOCATOR_LANGUAGES = [
  'vi',
  'en',
  'zh',
  'km',
  'hmn',
  'tyz',
  'nut',
  'blt',
  'rad',
  'jra',
  'sed',
  'kpm',
  'cjm',
] as const;
export type LocatorLanguage = (typeof LOCATOR_LANGUAGES)[number];

/** The frame a position must fall in: Vietnam's mainland and islands, with a margin of about half a degree. */
export const POSITION_FRAME = { south: 6.5, north: 24, west: 101.5, east: 118.5 } as const;

/** Oldest age accepted. */
export const MAX_AGE = 120;

/** The form's fields, in the order the error summary lists them. */
export const LOCATOR_FIELDS = ['q', 'lat', 'lon', 'service', 'free', 'open', 'language', 'age'] as const;
export type LocatorField = (typeof LOCATOR_FIELDS)[number];

/** A checked, normalized locator query. */
export interface LocatorQuery {
  /** The place name as typed (trimmed); empty when none. */
  readonly q: string;
  /** An exact current commune code, checked to exist. */
  readonly commune: string | undefined;
  /** A position rounded to 2 decimals. */
  readonly position: { readonly lat: number; readonly lon: number } | undefined;
  readonly service: ServiceType | undefined;
  readonly free: boolean;
  readonly open: boolean;
  readonly language: LocatorLanguage | undefined;
  readonly age: number | undefined;
  /**
   * A current province (two digits) that a typed name is looked for in first: an embed's preset province, so an
   * ambiguous name ("Tân Phú") finds the one in that province. A name not in it is still found elsewhere.
   */
  readonly province?: string | undefined;
}

/** One problem with one field; `key` is the message to show in the summary and at the field. */
export interface LocatorParamError {
  readonly field: LocatorField;
  readonly key: MessageKey;
}

/** The raw values as typed, to show them back in the form. */
export type LocatorRawValues = Readonly<Record<LocatorField | 'commune', string>>;

export type ParsedLocatorParams =
  | { readonly ok: true; readonly query: LocatorQuery; readonly raw: LocatorRawValues }
  | { readonly ok: false; readonly errors: readonly LocatorParamError[]; readonly raw: LocatorRawValues };

// "16.05", "-0.5", "108": plain decimal numbers only (no exponents, hex, Infinity, or spaces inside).
const DECIMAL = /^-?\d{1,3}(\.\d{1,10})?$/;
const flag = z.enum(['1', 'on', 'true'], { error: 'unknown' });

const coordinate = (min: number, max: number, frameMin: number, frameMax: number, key: 'lat' | 'lon') =>
  z
    .string()
    .regex(DECIMAL, { error: `locator.error.${key}.notNumber` })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: `locator.error.${key}.range` })
    .refine((value) => value >= frameMin && value <= frameMax, { error: 'locator.error.position.outside' });

const fieldSchemas = {
  q: z.string().refine((value) => [...value].length <= MAX_QUERY_LENGTH, { error: 'locator.error.q.tooLong' }),
  lat: coordinate(-90, 90, POSITION_FRAME.south, POSITION_FRAME.north, 'lat'),
  lon: coordinate(-180, 180, POSITION_FRAME.west, POSITION_FRAME.east, 'lon'),
  service: z.enum(serviceTypes.codes, { error: 'locator.error.service.unknown' }),
  free: flag,
  open: flag,
  language: z.enum(LOCATOR_LANGUAGES, { error: 'locator.error.language.unknown' }),
  age: z
    .string()
    .regex(/^\d{1,3}$/, { error: 'locator.error.age.notNumber' })
    .transform(Number)
    .refine((value) => value <= MAX_AGE, { error: 'locator.error.age.range' }),
} as const;

// Flag fields carry their own message: the enum's generic one does not name the field.
const FLAG_MESSAGES: Readonly<Record<'free' | 'open', MessageKey>> = {
  free: 'locator.error.free.unknown',
  open: 'locator.error.open.unknown',
};

/**
 * Reads and checks the locator's query string. Unknown parameters are ignored; a repeated parameter counts by its first
 * value. Empty values mean "not given".
 */
export function parseLocatorParams(params: URLSearchParams): ParsedLocatorParams {
  const read = (name: string) => (params.get(name) ?? '').normalize('NFC').trim();
  const raw: LocatorRawValues = {
    q: read('q'),
    commune: read('commune'),
    lat: read('lat'),
    lon: read('lon'),
    service: read('service'),
    free: read('free'),
    open: read('open'),
    language: read('language'),
    age: read('age'),
  };
  const errors: LocatorParamError[] = [];
  const check = <F extends keyof typeof fieldSchemas>(field: F): z.output<(typeof fieldSchemas)[F]> | undefined => {
    const value = raw[field];
    if (value === '') return undefined;
    const result = fieldSchemas[field].safeParse(value);
    if (result.success) return result.data as z.output<(typeof fieldSchemas)[F]>;
    const message =
      field === 'free' || field === 'open'
        ? FLAG_MESSAGES[field as 'free' | 'open']
        : (result.error.issues[0]?.message as MessageKey);
    errors.push({ field, key: message });
    return undefined;
  };

  check('q');
  let lat = check('lat');
  let lon = check('lon');
  // A position needs both halves; say which one is missing.
  if (raw.lat !== '' && raw.lon === '') errors.push({ field: 'lon', key: 'locator.error.lon.missing' });
  if (raw.lon !== '' && raw.lat === '') errors.push({ field: 'lat', key: 'locator.error.lat.missing' });
  // Two separate "outside Vietnam" messages for one position would say the same thing twice.
  const outside = errors.filter((error) => error.key === 'locator.error.position.outside');
  if (outside.length === 2) errors.splice(errors.indexOf(outside[1] as LocatorParamError), 1);
  const service = check('service');
  const free = check('free');
  const open = check('open');
  const language = check('language');
  const age = check('age');

  let commune: string | undefined;
  if (raw.commune !== '') {
    if (/^\d{5}$/.test(raw.commune) && getCommune(raw.commune) !== undefined) commune = raw.commune;
    // The code comes from a link or the autocomplete, not from typing: report it on the place field people can fix.
    else if (!errors.some((error) => error.field === 'q'))
      errors.push({ field: 'q', key: 'locator.error.commune.unknown' });
  }

  if (errors.length > 0) {
    const order = (field: LocatorField) => LOCATOR_FIELDS.indexOf(field);
    return { ok: false, errors: errors.sort((a, b) => order(a.field) - order(b.field)), raw };
  }
  if (lat === undefined || lon === undefined) lat = lon = undefined;
  return {
    ok: true,
    raw,
    query: {
      q: raw.q,
      commune,
      position: lat === undefined || lon === undefined ? undefined : { lat: roundTo2(lat), lon: roundTo2(lon) },
      service,
      free: free !== undefined,
      open: open !== undefined,
      language,
      age,
      province: provinceScope(params.get('province') ?? ''),
    },
  };
}

// Not a field anyone types: an unknown or malformed code is ignored rather than reported.
function provinceScope(value: string): string | undefined {
  return /^\d{2}$/.test(value) && getProvince(value) !== undefined ? value : undefined;
}

/** Rounds a coordinate to 2 decimals (about 1 km), as the browser already did: the server never uses more. */
export function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The filters of a query as URL parameters, to carry them into candidate and suggestion links. */
export function filterParams(
  query: Pick<LocatorQuery, 'service' | 'free' | 'open' | 'language' | 'age'>,
): [string, string][] {
  const pairs: [string, string][] = [];
  if (query.service !== undefined) pairs.push(['service', query.service]);
  if (query.free) pairs.push(['free', '1']);
  if (query.open) pairs.push(['open', '1']);
  if (query.language !== undefined) pairs.push(['language', query.language]);
  if (query.age !== undefined) pairs.push(['age', String(query.age)]);
  return pairs;
}

/** A locator URL: `path` with a place (name and, optionally, exact commune code) and the filters. */
export function locatorHref(
  path: string,
  place: { q?: string; commune?: string; lat?: number; lon?: number },
  filters: Pick<LocatorQuery, 'service' | 'free' | 'open' | 'language' | 'age'>,
): string {
  const params = new URLSearchParams();
  if (place.q !== undefined && place.q !== '') params.set('q', place.q);
  if (place.commune !== undefined) params.set('commune', place.commune);
  if (place.lat !== undefined && place.lon !== undefined) {
    params.set('lat', roundTo2(place.lat).toFixed(2));
    params.set('lon', roundTo2(place.lon).toFixed(2));
  }
  for (const [name, value] of filterParams(filters)) params.set(name, value);
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}
