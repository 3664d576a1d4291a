import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { hsdsRoot } from '#src/features/directory/export/root.ts';

export const prerender = false;

/** HSDS 3.0 API root: version, profile, OpenAPI description. */
export const GET: APIRoute = ({ url }) => guarded('hsds', async () => hsdsRoot(await openDataContext(url)));
export const OPTIONS: APIRoute = () => preflightResponse();
