import http from 'node:http';
import { constants as zlibConstants } from 'node:zlib';
import compression from 'compression';
import { cacheHeaders, securityHeaders } from './security-headers.ts';
import { keepOurCsp } from './merge-csp.ts';
import { keepOurCacheControl } from './keep-cache-control.ts';
import type { RouteLabeler } from '#src/features/observability/route-label.ts';
import { recordRequest } from '#src/features/observability/metrics.server.ts';
import { requestOrigin, rewritePublicOrigin } from './public-origin-rewrite.ts';

/** Astro's node handler (standalone mode): serves prerendered files, then on-demand routes. */
export type AstroHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface PortalServerOptions {
  handler: AstroHandler;
  /** True when the public origin is HTTPS: adds HSTS. */
  https: boolean;
  /**
   * When given, every answer is counted in the request metrics under the route pattern this returns (never the path
   * itself); see src/features/observability/.
   */
  routeLabel?: RouteLabeler;
  /** The public origin (`SITE_URL`) prerendered files are served with; unset: the address each request came in on. */
  siteUrl?: string | undefined;
  /** The port the server listens on (the address named when a request has no usable Host). */
  port?: number;
}

/**
 * Our server around Astro's handler: every response, prerendered file or on-demand page, gets the security headers.
 * Nothing about the client (address, user agent) is read or logged here.
 */
export function createPortalServer({
  handler,
  https,
  routeLabel,
  siteUrl,
  port = 4321,
}: PortalServerOptions): http.Server {
  const server = http.createServer((req, res) => {
    const pathname = pathOf(req.url);
    if (routeLabel !== undefined) {
      const started = performance.now();
      // 'close' comes after the answer is sent, or when the client went away first (counted with the status set then).
      res.once('close', () =>
        recordRequest(req.method, routeLabel(pathname), res.statusCode, (performance.now() - started) / 1000),
      );
    }
    const headers = { ...securityHeaders(pathname, { https }), ...cacheHeaders(pathname) };
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    keepOurCsp(res, headers['Content-Security-Policy'] ?? '');
    if (headers['Cache-Control'] !== undefined) keepOurCacheControl(res, headers['Cache-Control']);
    compress(req, res, () => {
      // Inside the compression: the placeholder is replaced in the plain body, which is then compressed.
      rewritePublicOrigin(req, res, requestOrigin(req, siteUrl, port));
      handler(req, res);
    });
  });
  // Slow clients must not hold sockets forever; these stay above any real page's time.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

/**
 * gzip or Brotli for text answers the client accepts (pages, CSS, JS, JSON, SVG, XML), decided when the headers are
 * written. Never for an answer marked `no-store`: those (the console, the request and follow-up forms, the API) carry
 * tokens and echo what the person typed, the mix a compression side channel (BREACH) reads through; they are small and
 * on-demand anyway. Brotli at a middle quality: on-the-fly compression must stay cheap per request.
 */
const compressor = compression({
  filter: (req, res) =>
    !/\bno-store\b/i.test(String(res.getHeader('Cache-Control') ?? '')) && compression.filter(req, res),
  brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
});
// The package is typed for Express; it reads and wraps only what plain node:http requests and responses have.
const compress = compressor as unknown as (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void;

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}
