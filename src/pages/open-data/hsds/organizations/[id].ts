import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { organizationById } from '#src/features/directory/export/organization-routes.server.ts';

export const prerender = false;

/** One HSDS 3.0 organization with its locations and services. */
export const GET: APIRoute = ({ url, params }) =>
  guarded('hsds.organization', async () =>
    organizationById(await openDataContext(url), params['id'], url.searchParams),
  );
export const OPTIONS: APIRoute = () => preflightResponse();
