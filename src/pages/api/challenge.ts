import type { APIRoute } from 'astro';
import { challengeLevel } from '#src/features/anti-abuse/gate.server.ts';
import { getAntiAbuse } from '#src/features/anti-abuse/services.server.ts';

export const prerender = false;

const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/**
 * A new proof-of-work challenge for the ProofOfWork island (altcha-lib v2 format: `{ parameters, signature }`). Never
 * cached: each one is single use. Rate-limited per hashed address, so a script cannot stockpile challenges.
 */
export const GET: APIRoute = async (context) => {
  const antiAbuse = await getAntiAbuse();
  const client = await antiAbuse.keyer.clientKeyOf(context);
  const limited = await antiAbuse.limits.consume('challenge', client);
  if (!limited.ok) {
    return new Response(JSON.stringify({ error: 'rate-limited', retryAfterSeconds: limited.retryAfterSeconds }), {
      status: 429,
      headers: { ...headers, 'Retry-After': String(limited.retryAfterSeconds) },
    });
  }
  // A form whose address is over its limit gets a harder challenge (`?for=` names the form's limiter: gate.server.ts).
  const level = await challengeLevel(antiAbuse.limits, new URL(context.request.url).searchParams.get('for'), client);
  return new Response(JSON.stringify(await antiAbuse.proofOfWork.createChallenge(level)), { headers });
};
