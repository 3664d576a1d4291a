import type { APIRoute } from 'astro';

export const prerender = false;

/** Liveness: the process answers. It checks nothing else, so a slow database never makes an orchestrator kill it. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ status: 'ok' }), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
