import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { openApiDocument } from '#src/features/directory/export/root.ts';

export const prerender = false;

/** The OpenAPI description of this HSDS 3.0 API. */
export const GET: APIRoute = ({ url }) =>
  guarded('hsds.openapi', async () => openApiDocument(await openDataContext(url)));
export const OPTIONS: APIRoute = () => preflightResponse();
