import type { APIRoute } from 'astro';
import intakeOpenApi from '#src/features/intake/openapi.json' with { type: 'json' };

// The document is fixed at build time: a static file, like any prerendered page.
export const prerender = true;

/**
 * The OpenAPI 3.1 description of `POST /api/intake` (public contract): fields, the idempotency token, and every answer
 * with its JSON body. `tests/unit/intake/api-doc.test.ts` produces each documented answer with a real request.
 */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(intakeOpenApi), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
