import type { APIRoute } from 'astro';
import { robotsTxt } from '#src/features/site/robots.ts';
import { publicUrl } from '#src/features/site/public-origin.server.ts';

export const GET: APIRoute = (context) =>
  new Response(robotsTxt(publicUrl(context, '/sitemap-index.xml')), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
