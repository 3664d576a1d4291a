import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext, servicesList } from '#src/features/directory/export/routes.server.ts';

export const prerender = false;

/** HSDS 3.0 paged list of services. */
export const GET: APIRoute = ({ url }) =>
  guarded('hsds.services', async () => servicesList(await openDataContext(url), url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
