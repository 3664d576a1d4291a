/**
 * CSRF protection of the report form, by the request's own headers (no token, so the form works from a cached page
 * and with JavaScript off): a POST is accepted when its `Origin` is the site's own origin or, when a browser sent no
 * `Origin` (or `null`), when `Sec-Fetch-Site` says the request came from the same origin. `same-site` is not enough: a
 * sibling subdomain is another site's code. Everything else is refused.
 *
 * Astro's own origin check (`security.checkOrigin`, on by default) already refuses cross-site form posts before the
 * page runs; this check is ours, so the page stays safe if that setting changes, and it explains the refusal.
 */

/** Why a POST was accepted or refused. */
export type OriginVerdict = 'same-origin' | 'cross-origin' | 'unknown-origin';

/**
 * Checks a POST's origin against the site's own origins (the request URL's, and `SITE_URL` when set: behind a proxy
 * the two can differ in scheme).
 */
export function checkPostOrigin(headers: Headers, ownOrigins: readonly string[]): OriginVerdict {
  const origin = headers.get('origin');
  const site = headers.get('sec-fetch-site');
  // "null" is what a browser sends when the page's referrer policy hides its origin (`no-referrer`), as well as what a
  // sandboxed frame sends: it says nothing, so it counts as absent and Fetch Metadata decides (a sandboxed frame's
  // request is `cross-site`).
  if (origin !== null && origin !== 'null') return ownOrigins.includes(origin) ? 'same-origin' : 'cross-origin';
  if (site === 'same-origin') return 'same-origin';
  return site === null ? 'unknown-origin' : 'cross-origin';
}
