import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { organizationsList } from '#src/features/directory/export/organization-routes.server.ts';

export const prerender = false;

/** HSDS 3.0 paged list of organizations. */
export const GET: APIRoute = ({ url }) =>
  guarded('hsds.organizations', async () => organizationsList(await openDataContext(url), url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
