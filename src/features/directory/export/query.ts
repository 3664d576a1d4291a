/**
 * The query parameters of each open-data endpoint, as the HSDS 3.0 OpenAPI defines them, and their checks. A parameter
 * the OpenAPI defines is either implemented or refused with a 400 that names it; a parameter it does not define is
 * refused the same way. Nothing is silently ignored: a client that filters gets filtered results or an error.
 */
import { isUuid } from '#src/features/directory/uuid-v5.ts';

/** A query parameter checked, or why it is wrong (in both languages) and which parameter it is. */
export type Checked<T> = { ok: true; value: T } | Refusal;

/** A parameter refused: which one, and why in both languages. */
export interface Refusal {
  ok: false;
  parameter: string;
  message: { en: string; vi: string };
}

/** The endpoints, with the parameters the HSDS 3.0 OpenAPI lists for each (`openapi.json`, `paths`). */
export const ENDPOINT_PARAMETERS = {
  root: [],
  services: [
    'search',
    'page',
    'per_page',
    'format',
    'taxonomy_term_id',
    'taxonomy_id',
    'organization_id',
    'modified_after',
    'minimal',
    'full',
  ],
  service: [],
  organizations: ['search', 'full_service', 'full', 'page', 'per_page', 'format'],
  organization: ['full_service'],
  serviceAtLocations: [
    'search',
    'taxonomy_term_id',
    'taxonomy_id',
    'organization_id',
    'modified_after',
    'full',
    'page',
    'per_page',
    'format',
    'postcode',
    'proximity',
  ],
  serviceAtLocation: [],
  taxonomies: ['search', 'page', 'per_page', 'format'],
  taxonomy: [],
  taxonomyTerms: ['search', 'page', 'per_page', 'format', 'taxonomy_id', 'top_only', 'parent_id'],
  taxonomyTerm: [],
} as const satisfies Record<string, readonly string[]>;

export type Endpoint = keyof typeof ENDPOINT_PARAMETERS;

/** Parameters the OpenAPI defines that this directory cannot answer, and why (sent in the 400). */
const REFUSED: Readonly<Record<string, { en: string; vi: string }>> = {
  postcode: {
    en: 'postcode is not supported: the directory records no postcodes; filter by taxonomy_term_id with a province or commune term (see /open-data/hsds/taxonomy_terms)',
    vi: 'không hỗ trợ postcode: danh bạ không ghi mã bưu chính; hãy lọc bằng taxonomy_term_id với mã tỉnh hoặc xã (xem /open-data/hsds/taxonomy_terms)',
  },
  proximity: {
    en: 'proximity is not supported: it is measured from a postcode, which the directory does not record; the locator (/tim-ho-tro?lat=…&lon=…) finds the nearest points',
    vi: 'không hỗ trợ proximity: tham số này tính từ mã bưu chính, danh bạ không ghi mã bưu chính; trang tìm hỗ trợ (/tim-ho-tro?lat=…&lon=…) tìm điểm gần nhất',
  },
};

const failure = (parameter: string, en: string, vi: string): Refusal => ({
  ok: false,
  parameter,
  message: { en, vi },
});

const shown = (raw: string, length = 40): string => JSON.stringify(raw.slice(0, length));

/** The first parameter this endpoint does not take (or refuses), as a failure; `undefined` when all are fine. */
export function checkParameterNames(endpoint: Endpoint, params: URLSearchParams): Refusal | undefined {
  const allowed: readonly string[] = ENDPOINT_PARAMETERS[endpoint];
  for (const name of new Set(params.keys())) {
    if (!allowed.includes(name)) {
      const list = allowed.length === 0 ? 'none' : allowed.join(', ');
      return failure(
        name,
        `${name} is not a parameter of this endpoint (parameters: ${list})`,
        `${name} không phải tham số của đường dẫn này (các tham số: ${list === 'none' ? 'không có' : list})`,
      );
    }
    const refused = REFUSED[name];
    if (refused !== undefined) return { ok: false, parameter: name, message: refused };
    if (params.getAll(name).length > 1) {
      return failure(name, `${name} is given more than once`, `${name} được ghi nhiều hơn một lần`);
    }
  }
  return undefined;
}

/** Default and largest page sizes. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
const MAX_PAGE = 1_000_000;

function wholeNumber(params: URLSearchParams, name: string, fallback: number, max: number): Checked<number> {
  const raw = params.get(name);
  if (raw === null) return { ok: true, value: fallback };
  if (/^[0-9]{1,7}$/.test(raw)) {
    const value = Number(raw);
    if (value >= 1 && value <= max) return { ok: true, value };
  }
  return failure(
    name,
    `${name} must be a whole number from 1 to ${max} (got ${shown(raw)})`,
    `${name} phải là số nguyên từ 1 đến ${max} (nhận được ${shown(raw)})`,
  );
}

/** `page` and `per_page` of a paged list. */
export function readPaging(params: URLSearchParams): Checked<{ page: number; perPage: number }> {
  const page = wholeNumber(params, 'page', 1, MAX_PAGE);
  if (!page.ok) return page;
  const perPage = wholeNumber(params, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  if (!perPage.ok) return perPage;
  return { ok: true, value: { page: page.value, perPage: perPage.value } };
}

/** A boolean parameter (`true` / `false`), false when absent. */
export function readBoolean(params: URLSearchParams, name: string): Checked<boolean> {
  const raw = params.get(name);
  if (raw === null || raw === 'false') return { ok: true, value: false };
  if (raw === 'true') return { ok: true, value: true };
  return failure(
    name,
    `${name} must be true or false (got ${shown(raw)})`,
    `${name} phải là true hoặc false (nhận được ${shown(raw)})`,
  );
}

/** A UUID parameter, lower-cased; `undefined` when absent. */
export function readUuid(params: URLSearchParams, name: string): Checked<string | undefined> {
  const raw = params.get(name);
  if (raw === null) return { ok: true, value: undefined };
  if (isUuid(raw)) return { ok: true, value: raw.toLowerCase() };
  return failure(
    name,
    `${name} must be a UUID (got ${shown(raw)})`,
    `${name} phải là một UUID (nhận được ${shown(raw)})`,
  );
}

// RFC 3339 date-time (the OpenAPI's `format: datetime`), or a plain date read as midnight UTC.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

/** `modified_after`: an RFC 3339 date-time with its offset (or a date); `undefined` when absent. */
export function readDateTime(params: URLSearchParams, name: string): Checked<Date | undefined> {
  const raw = params.get(name);
  if (raw === null) return { ok: true, value: undefined };
  const date = DATE_TIME.test(raw) ? new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : undefined;
  if (date !== undefined && !Number.isNaN(date.getTime())) return { ok: true, value: date };
  return failure(
    name,
    `${name} must be an RFC 3339 date-time with its offset, e.g. 2026-07-01T00:00:00+07:00 (got ${shown(raw)})`,
    `${name} phải là ngày giờ theo RFC 3339 có múi giờ, ví dụ 2026-07-01T00:00:00+07:00 (nhận được ${shown(raw)})`,
  );
}

/** Longest accepted `search`. */
export const MAX_SEARCH_LENGTH = 200;

/** `search`: free text, trimmed; `undefined` when absent or blank. */
export function readSearch(params: URLSearchParams): Checked<string | undefined> {
  const raw = params.get('search');
  if (raw === null || raw.trim() === '') return { ok: true, value: undefined };
  if (raw.length <= MAX_SEARCH_LENGTH) return { ok: true, value: raw.trim() };
  return failure(
    'search',
    `search must be at most ${MAX_SEARCH_LENGTH} characters`,
    `search chỉ được dài tối đa ${MAX_SEARCH_LENGTH} ký tự`,
  );
}

/** Output formats: `json` (paged) or `ndjson` (every result, one JSON object a line, no paging). */
export type Format = 'json' | 'ndjson';

/** `format`, refusing `page`/`per_page` with `ndjson` (which has no pages) rather than ignoring them. */
export function readFormat(params: URLSearchParams): Checked<Format> {
  const raw = params.get('format');
  if (raw === null || raw === 'json') return { ok: true, value: 'json' };
  if (raw !== 'ndjson') {
    return failure(
      'format',
      `format must be json or ndjson (got ${shown(raw)})`,
      `format phải là json hoặc ndjson (nhận được ${shown(raw)})`,
    );
  }
  for (const name of ['page', 'per_page']) {
    if (params.has(name)) {
      return failure(
        name,
        `${name} cannot be used with format=ndjson, which sends every result without pages`,
        `không dùng ${name} cùng format=ndjson: định dạng này gửi mọi kết quả, không chia trang`,
      );
    }
  }
  return { ok: true, value: 'ndjson' };
}
