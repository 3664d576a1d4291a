import type { APIRoute } from 'astro';
import { handleIntakeApiRequest, jsonResponse } from '#src/features/intake/api.server.ts';

export const prerender = false;

/**
 * `POST /api/intake` (public contract): a request for counselling as JSON; 201 with the receipt code and the routed
 * point. The same handler as the form at `/xin-tu-van`. See `src/features/intake/api.server.ts`.
 */
export const POST: APIRoute = (context) =>
  handleIntakeApiRequest(context.request, {
    // The client's address is read (and hashed at once) only by the anti-abuse keyer.
    clientKey: async (services) => (await services.antiAbuse()).keyer.clientKeyOf(context),
  });

/** Any other method. */
export const ALL: APIRoute = () =>
  jsonResponse(405, { errors: [{ field: 'method', message: 'POST only' }] }, { Allow: 'POST' });
