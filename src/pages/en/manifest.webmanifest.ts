import type { APIRoute } from 'astro';
import { webManifest } from '#src/features/site/web-manifest.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(webManifest('en'), null, 2), {
    headers: { 'Content-Type': 'application/manifest+json' },
  });
