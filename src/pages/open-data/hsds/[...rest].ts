import type { APIRoute } from 'astro';
import { errorResponse, preflightResponse } from '#src/features/directory/export/http.ts';

export const prerender = false;

/** Any other path under /open-data/hsds/: a JSON 404 an API client can read, not the site's HTML page. */
export const ALL: APIRoute = ({ request }) =>
  request.method === 'OPTIONS'
    ? preflightResponse()
    : errorResponse(404, {
        en: 'No such HSDS endpoint; the API root /open-data/hsds/ lists them',
        vi: 'Không có đường dẫn HSDS này; trang gốc /open-data/hsds/ liệt kê các đường dẫn',
      });
