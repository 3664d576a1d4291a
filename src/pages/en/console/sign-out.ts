import type { APIRoute } from 'astro';

// On demand, behind the console guard (src/middleware.ts): POST signs out; GET only leads to the sign-in page.
export const prerender = false;

export const ALL: APIRoute = async (context) => {
  const { signOut } = await import('#src/features/console/auth/sign-out.server.ts');
  return signOut(context, 'en');
};
