import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { servicesList } from '#src/features/directory/export/service-routes.server.ts';

export const prerender = false;

/** HSDS 3.0 paged list of services. */
export const GET: APIRoute = ({ url }) =>
  guarded('hsds.services', async () => servicesList(await openDataContext(url), url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
