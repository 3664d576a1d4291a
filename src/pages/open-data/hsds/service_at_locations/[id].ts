import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { serviceAtLocationById } from '#src/features/directory/export/service-routes.server.ts';

export const prerender = false;

/** One HSDS 3.0 service at location, fully nested. */
export const GET: APIRoute = ({ url, params }) =>
  guarded('hsds.service_at_location', async () =>
    serviceAtLocationById(await openDataContext(url), params['id'], url.searchParams),
  );
export const OPTIONS: APIRoute = () => preflightResponse();
