import type { APIRoute } from 'astro';
import { suggestIndexJson } from '#src/features/locator/ui/suggest-index.ts';

// The autocomplete index (current names only), written once at build as a static file.
export const prerender = true;

export const GET: APIRoute = () =>
  new Response(suggestIndexJson(), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
