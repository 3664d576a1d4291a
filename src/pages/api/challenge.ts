import type { APIRoute } from 'astro';
import { getAntiAbuse } from '#src/features/anti-abuse/services.server.ts';

export const prerender = false;

const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/**
 * A new proof-of-work challenge for the ProofOfWork island (altcha-lib v2 format: `{ parameters, signature }`). Never
 * cached: each one is single use. Rate-limited per hashed address, so a script cannot stockpile challenges.
 */
export const GET: APIRoute = async (context) => {
  const antiAbuse = await getAntiAbuse();
  const limited = await antiAbuse.limits.consume('challenge', await antiAbuse.keyer.clientKeyOf(context));
  if (!limited.ok) {
    return new Response(JSON.stringify({ error: 'rate-limited', retryAfterSeconds: limited.retryAfterSeconds }), {
      status: 429,
      headers: { ...headers, 'Retry-After': String(limited.retryAfterSeconds) },
    });
  }
  return new Response(JSON.stringify(await antiAbuse.proofOfWork.createChallenge()), { headers });
};
