import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded } from '#src/features/directory/export/context.server.ts';
import { taxonomyById } from '#src/features/directory/export/taxonomy-routes.ts';

export const prerender = false;

/** One HSDS 3.0 taxonomy. */
export const GET: APIRoute = ({ url, params }) =>
  guarded('hsds.taxonomy', () => taxonomyById(params['id'], url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
