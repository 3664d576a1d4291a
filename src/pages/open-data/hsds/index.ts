import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, hsdsRoot, openDataContext } from '#src/features/directory/export/routes.server.ts';

export const prerender = false;

/** HSDS 3.0 API root: version, profile, OpenAPI description. */
export const GET: APIRoute = ({ url }) => guarded('hsds', async () => hsdsRoot(await openDataContext(url)));
export const OPTIONS: APIRoute = () => preflightResponse();
