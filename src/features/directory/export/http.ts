/**
 * HTTP details of the open-data endpoints: every response (errors too) is cacheable for five minutes by anyone and
 * readable from any origin, and says its charset. Query parameters are checked here; a wrong one is a 400 with a
 * message in English and Vietnamese.
 */

/** Headers every open-data response carries. */
export const OPEN_DATA_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'public, max-age=300',
  'Access-Control-Allow-Origin': '*',
};

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { ...OPEN_DATA_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

/** A CSV response. */
export function csvResponse(text: string, filename: string): Response {
  return new Response(text, {
    headers: {
      ...OPEN_DATA_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `inline; filename="${filename}"`,
    },
  });
}

/** An error as JSON: `{ status, error, message, message_vi }`. */
export function errorResponse(status: 400 | 404 | 500, message: { en: string; vi: string }): Response {
  const error = status === 400 ? 'bad_request' : status === 404 ? 'not_found' : 'server_error';
  return jsonResponse({ status, error, message: message.en, message_vi: message.vi }, status);
}

/** The answer to a CORS preflight (only GET is offered; simple GETs need no preflight anyway). */
export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...OPEN_DATA_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Accept, Content-Type',
      'Access-Control-Max-Age': '86400',
    },
  });
}

/** Default and largest page sizes. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
const MAX_PAGE = 1_000_000;

/** A query parameter checked, or the message saying why it is wrong. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: { en: string; vi: string } };

function wholeNumber(params: URLSearchParams, name: string, fallback: number, max: number): Checked<number> {
  const raw = params.get(name);
  if (raw === null) return { ok: true, value: fallback };
  if (/^[0-9]{1,7}$/.test(raw)) {
    const value = Number(raw);
    if (value >= 1 && value <= max) return { ok: true, value };
  }
  return {
    ok: false,
    message: {
      en: `${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(raw.slice(0, 40))})`,
      vi: `${name} phải là số nguyên từ 1 đến ${max} (nhận được ${JSON.stringify(raw.slice(0, 40))})`,
    },
  };
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
  return {
    ok: false,
    message: {
      en: `${name} must be true or false (got ${JSON.stringify(raw.slice(0, 40))})`,
      vi: `${name} phải là true hoặc false (nhận được ${JSON.stringify(raw.slice(0, 40))})`,
    },
  };
}

/** HSDS's paged list (openapi.json `components.schemas.Page`, plus `contents`). */
export function pageBody(
  contents: readonly unknown[],
  page: number,
  perPage: number,
  totalItems: number,
): Record<string, unknown> {
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    // `page` repeats page_number for clients that read the query parameter's name; HSDS's Page names it page_number.
    page,
    per_page: perPage,
    // HSDS: "Size of current page", i.e. how many items this page holds.
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
