import type { APIRoute } from 'astro';
import { preflightResponse } from '#src/features/directory/export/http.ts';
import { directoryCsvExport, guarded, openDataContext } from '#src/features/directory/export/routes.server.ts';

export const prerender = false;

/** The directory as CSV, in the import template's columns. */
export const GET: APIRoute = ({ url }) =>
  guarded('directory.csv', async () => directoryCsvExport(await openDataContext(url), url.searchParams));
export const OPTIONS: APIRoute = () => preflightResponse();
