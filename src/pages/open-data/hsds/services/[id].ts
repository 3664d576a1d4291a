import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { serviceById } from '#src/features/directory/export/service-routes.server.ts';

export const prerender = false;

/** One fully nested HSDS 3.0 service. */
export const GET: APIRoute = ({ url, params }) =>
  guarded('hsds.service', async () => serviceById(await openDataContext(url), params['id'], url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
