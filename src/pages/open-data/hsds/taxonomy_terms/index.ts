import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded } from '#src/features/directory/export/context.server.ts';
import { taxonomyTermsList } from '#src/features/directory/export/taxonomy-routes.ts';

export const prerender = false;

/** HSDS 3.0 paged list of taxonomy terms. */
export const GET: APIRoute = ({ url }) => guarded('hsds.taxonomy_terms', () => taxonomyTermsList(url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
