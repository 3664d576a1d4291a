import type http from 'node:http';

/**
 * The node adapter's file server sets its own `Cache-Control` (`public, max-age=0` on files from `public/`) after our
 * server set one. Where we chose a policy (cacheHeaders in security-headers.ts), ours is kept: later attempts to set
 * the header on this response are ignored.
 */
export function keepOurCacheControl(res: http.ServerResponse, value: string): void {
  res.setHeader('Cache-Control', value);
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, headerValue: number | string | readonly string[]) =>
    name.toLowerCase() === 'cache-control' ? res : setHeader(name, headerValue)) as typeof res.setHeader;
}
