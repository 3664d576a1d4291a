import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { guarded, openDataContext } from '#src/features/directory/export/context.server.ts';
import { directoryCsvExport } from '#src/features/directory/export/csv-route.server.ts';

export const prerender = false;

/** The directory as CSV, in the import template's columns. */
export const GET: APIRoute = ({ url }) =>
  guarded('directory.csv', async () => directoryCsvExport(await openDataContext(url), url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
