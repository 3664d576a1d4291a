/** Small helpers the console's page loaders share: redirects that carry cookies, and the guard's context. */
import type { AstroGlobal } from 'astro';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import type { ConsoleRouteId } from './console-paths.ts';
import type { Principal } from './principal.ts';

/** A 303 "see other" (after a POST, or to send someone elsewhere), with the Set-Cookie headers given. */
export function seeOther(location: string, cookies: Headers | null = null): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies?.getSetCookie() ?? []) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** Only the Cookie header of a request: all better-auth is given of a request (no address, no user agent). */
export function cookieHeaders(request: Request, extraCookies: Headers | null = null): Headers {
  const parts = [request.headers.get('cookie') ?? ''];
  // Cookies just set by an earlier call in the same request (e.g. the session cookie after a verified code).
  for (const cookie of extraCookies?.getSetCookie() ?? []) parts.push(cookie.split(';')[0] ?? '');
  return new Headers({ cookie: parts.filter((part) => part !== '').join('; ') });
}

/** What the console guard put in `Astro.locals`; a page that is not behind the guard is a programming error. */
export function guardContext(astro: AstroGlobal): {
  principal: Principal | null;
  csrf: string;
  route: ConsoleRouteId;
  lang: Lang;
} {
  const context = astro.locals.console;
  if (context === undefined) throw new Error('A console page ran without the console guard (src/middleware.ts)');
  return context;
}

/** The signed-in principal of a private console page (the guard has already sent everyone else to sign in). */
export function requirePrincipal(astro: AstroGlobal): Principal {
  const { principal } = guardContext(astro);
  if (principal === null) throw new Error('A private console page ran without a signed-in principal');
  return principal;
}

/**
 * The answer to a signed-in person who opens a console page their role does not give them (point staff on an
 * administration page): 403, a short page in their language, never a hint of what is behind it.
 */
export function forbidden(lang: Lang): Response {
  return new Response(useTranslations(lang)('console.forbidden'), {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
