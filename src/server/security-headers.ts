/**
 * Security headers for every response, prerendered or on-demand. They are set by our own server around Astro's handler
 * because the node adapter serves prerendered files without running middleware (shared/STACK.md).
 *
 * Astro's `<meta>` CSP carries script-src and style-src with the hashes of the inline scripts it emits. A `<meta>` CSP
 * cannot carry `frame-ancestors`, so the header below adds it with the directives that do not depend on the page. Two
 * policies combine by intersection, so this header must not name script-src or default-src (it would block the hashed
 * island scripts).
 */
import { LOADER_PATH } from '#src/features/widgets/loader.ts';

/** Open data is meant to be fetched by other sites' scripts (CORS is allowed there too). */
function isOpenDataPath(pathname: string): boolean {
  return pathname === '/open-data' || pathname.startsWith('/open-data/');
}

/**
 * Pagefind's files (`npm run build` writes them to dist/client/pagefind/). Its search runs as WebAssembly inside
 * `/pagefind/pagefind-worker.js`, and a worker follows the policy of its own response, not the page's. These files are
 * never documents, so they get a policy of their own: scripts from this site only, WebAssembly allowed, nothing else.
 */
export function isPagefindPath(pathname: string): boolean {
  return pathname.startsWith('/pagefind/');
}

/** Paths that other sites may frame: the widgets' embeds, and nothing else. */
export function isEmbedPath(pathname: string): boolean {
  return pathname === '/embed' || pathname.startsWith('/embed/');
}

export interface SecurityHeaderOptions {
  /** True when the public origin is HTTPS (the server itself, or a TLS proxy in front of it). */
  https: boolean;
}

/** The headers to set on a response to `pathname`. */
export function securityHeaders(pathname: string, options: SecurityHeaderOptions): Record<string, string> {
  const embed = isEmbedPath(pathname);
  const headers: Record<string, string> = {
    'Content-Security-Policy': [
      embed ? 'frame-ancestors *' : "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
      ...(isPagefindPath(pathname) ? ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"] : []),
    ].join('; '),
    // The path of a help-seeking page says something about the reader: never send it to another site. (Not
    // `no-referrer`: with it Chromium sends `Origin: null` on our own form POSTs, which the origin check must refuse.)
    'Referrer-Policy': 'same-origin',
    // Geolocation only for our own "use my location" button; everything else off.
    'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), browsing-topics=()',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The widget loader is loaded by partners' pages with `<script src>`.
    'Cross-Origin-Resource-Policy':
      embed || isOpenDataPath(pathname) || pathname === LOADER_PATH ? 'cross-origin' : 'same-origin',
  };
  // Older browsers ignore frame-ancestors; X-Frame-Options has no "allow everyone", so embeds simply omit it.
  if (!embed) headers['X-Frame-Options'] = 'DENY';
  if (options.https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/**
 * Long-lived caching for fingerprinted build assets, an hour (then a day of revalidating in the background) for the
 * widget loader, whose address never changes; everything else is left to the page. These win over the file server's own `max-age=0`.
 */
export function cacheHeaders(pathname: string): Record<string, string> {
  if (pathname.startsWith('/_astro/')) return { 'Cache-Control': 'public, max-age=31536000, immutable' };
  if (pathname === LOADER_PATH) return { 'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400' };
  return {};
}
