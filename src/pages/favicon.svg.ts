import type { APIRoute } from 'astro';
import { iconSvg } from '#src/features/site/icons.ts';

export const GET: APIRoute = () =>
  new Response(iconSvg({ fullBleed: false }), { headers: { 'Content-Type': 'image/svg+xml' } });
