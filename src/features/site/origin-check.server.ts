/**
 * The cross-site form check for every page and endpoint rendered on demand (run from src/middleware.ts), in place of
 * Astro's `security.checkOrigin`. Astro compares the browser's `Origin` with a request URL it builds from the socket:
 * behind a TLS proxy that URL is `http://…` while the browser says `https://…`, so every form POST was refused. Which
 * origins are our own is known only when the server runs: `SITE_URL`, and the scheme a trusted proxy reports
 * (docs/decisions/013-run-time-public-address.md). The rule itself is Astro's: a POST (or other unsafe method) with a
 * form's content type, or with none, must come from one of our origins.
 */
import { loadEnv } from '#src/env.server.ts';
import { parseMediaType } from '#src/lib/media-type.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What an HTML form can send without a preflight; anything else cross-site needs CORS, which we never grant. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export interface OriginSettings {
  /** `SITE_URL` (an origin), when set. */
  readonly siteUrl: string | undefined;
  /** How many proxies in front are trusted (TRUST_PROXY); above 0 their `X-Forwarded-Proto` is believed. */
  readonly trustProxy: number;
}

let settings: OriginSettings | undefined;
function runningSettings(): OriginSettings {
  settings ??= (({ siteUrl, trustProxy }) => ({ siteUrl, trustProxy }))(loadEnv());
  return settings;
}

/**
 * Our own origins for this request: `SITE_URL`, the address the request came in on and, behind a trusted proxy, that
 * address with the scheme the proxy says the browser used.
 */
export function ownOrigins(url: URL, headers: Headers, { siteUrl, trustProxy }: OriginSettings): string[] {
  const own = [url.origin];
  if (siteUrl !== undefined) own.push(siteUrl);
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (trustProxy > 0 && (forwarded === 'https' || forwarded === 'http')) own.push(`${forwarded}://${url.host}`);
  return own;
}

/** True when `request` is a form submission (or a bodiless unsafe request) from another site. */
export function isCrossSiteForm(request: Request, own: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (origin !== null && own.includes(origin)) return false;
  // No type, or one that cannot be read, counts as a form's: refused rather than guessed at.
  const type = parseMediaType(request.headers.get('content-type'))?.type;
  return type === undefined || FORM_TYPES.includes(type);
}

/** Astro's own answer to a refused request, kept so clients see the same thing. */
export function crossSiteForbidden(request: Request): Response {
  return new Response(`Cross-site ${request.method} form submissions are forbidden`, {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** The check for one request, with the running server's settings. */
export function refuseCrossSite(request: Request, url: URL): Response | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  return isCrossSiteForm(request, ownOrigins(url, request.headers, runningSettings()))
    ? crossSiteForbidden(request)
    : undefined;
}
