import type http from 'node:http';

/**
 * Astro sends its own `Content-Security-Policy` header on on-demand pages (script and style hashes) through
 * `writeHead(status, headers)`, which replaces a header of the same name set earlier with `setHeader`. Our policy
 * (frame-ancestors and friends) must survive, so at `writeHead` time both are sent: two CSP headers, which browsers
 * enforce together (a resource must pass both).
 */
export function keepOurCsp(res: http.ServerResponse, ours: string): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    const headersArg = rest.find((arg) => typeof arg === 'object' && arg !== null) as
      http.OutgoingHttpHeaders | undefined;
    const theirs = takeCsp(headersArg) ?? res.getHeader('content-security-policy');
    const values = [
      ours,
      ...[theirs].flat().filter((value): value is string => typeof value === 'string' && value !== ours),
    ];
    res.setHeader('Content-Security-Policy', values.length === 1 ? ours : values);
    return writeHead(statusCode, ...rest);
  }) as typeof res.writeHead;
}

function takeCsp(headers: http.OutgoingHttpHeaders | undefined): string | string[] | undefined {
  if (!headers || Array.isArray(headers)) return undefined;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'content-security-policy') {
      const value = headers[name];
      delete headers[name];
      return typeof value === 'number' ? String(value) : value;
    }
  }
  return undefined;
}
