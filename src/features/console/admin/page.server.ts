/** What every administration page does first: the signed-in principal, or 403 for anyone who is not an administrator. */
import type { AstroGlobal } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import { forbidden, requirePrincipal } from '../http.server.ts';
import { canUseAdministration } from '../policy.ts';
import type { Principal } from '../principal.ts';

export function administrator(astro: AstroGlobal, lang: Lang): Principal | Response {
  const principal = requirePrincipal(astro);
  return canUseAdministration(principal) ? principal : forbidden(lang);
}

/** A `?notice=` value if it is one of `allowed`. */
export function noticeOf<T extends string>(params: URLSearchParams, allowed: readonly T[]): T | undefined {
  const value = params.get('notice');
  return allowed.find((notice) => notice === value);
}

/** A path with a query string built from the defined entries of `query`. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
