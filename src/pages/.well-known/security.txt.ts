import type { APIRoute } from 'astro';
import { loadEnv } from '#src/env.server.ts';
import { publicOrigin } from '#src/features/site/public-origin.server.ts';
import { securityTxt } from '#src/features/site/security-txt.ts';

// On demand: the contacts are the installation's own (SECURITY_CONTACT), read when the server runs.
export const prerender = false;

export const GET: APIRoute = (context) => {
  const contacts = loadEnv().securityContacts;
  if (contacts.length === 0)
    return new Response('No security contact is configured (SECURITY_CONTACT).\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(securityTxt({ contacts, origin: publicOrigin(context), now: new Date() }), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
};
