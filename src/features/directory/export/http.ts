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

const ERROR_TITLES = {
  400: ['bad_request', 'Bad request'],
  404: ['not_found', 'Not found'],
  500: ['server_error', 'Server error'],
} as const;

/**
 * An error as an RFC 9457 problem (`application/problem+json`): `type`, `title`, `status`, `detail`, the query
 * parameter it is about when there is one, and the message in both languages (`message`, `message_vi`; `error` is a
 * short code kept for the clients written against the first version).
 */
export function errorResponse(
  status: 400 | 404 | 500,
  message: { en: string; vi: string },
  parameter?: string,
): Response {
  const [error, title] = ERROR_TITLES[status];
  const body = {
    type: 'about:blank',
    title,
    status,
    detail: message.en,
    ...(parameter === undefined ? {} : { parameter }),
    error,
    message: message.en,
    message_vi: message.vi,
  };
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { ...OPEN_DATA_HEADERS, 'Content-Type': 'application/problem+json; charset=utf-8' },
  });
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
