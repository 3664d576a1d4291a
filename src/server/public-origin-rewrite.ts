import type http from 'node:http';
import { isIPv4 } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { BUILD_ORIGIN } from '#src/features/site/build-origin.ts';

/**
 * Prerendered files (pages, the sitemap, the feeds, robots.txt) carry the build's placeholder origin wherever they need
 * an absolute address (src/features/site/build-origin.ts). The node adapter serves them without running middleware, so
 * our server replaces the placeholder in every text answer as it streams out, with the public origin: `SITE_URL`, or
 * without it the address the request came in on (a demo on a laptop). Three spellings are replaced: the origin itself,
 * the origin percent-encoded (share links carry the page's address in their query) and the bare host (a poster prints
 * addresses without the scheme). Content pages stay static files: no render per request, no script.
 */

/** Answers whose body may name the placeholder: HTML, XML (sitemaps, feeds), plain text (robots.txt), JSON. */
const TEXT_TYPE = /^\s*(?:text\/|application\/(?:xml|rss\+xml|atom\+xml|xhtml\+xml|json|manifest\+json))/i;

/** Paths that may be served from a text file: a Range request for one would cut the rewritten body at the wrong byte. */
const TEXT_PATH = /(?:\/|\/[^/.]+|\.(?:html|xml|txt|json|webmanifest))$/i;

/** Files up to this size are rewritten whole (a prerendered page is a few dozen KB; the largest sitemap a few hundred). */
const WHOLE_LIMIT = 8 * 1024 * 1024;

export type Rewrites = ReadonlyArray<readonly [Buffer, Buffer]>;

const cache = new Map<string, Rewrites>();

/** What to replace, longest first, to name `origin` (`https://host[:port]`) instead of the build's placeholder. */
export function rewritesFor(origin: string): Rewrites {
  let rewrites = cache.get(origin);
  if (rewrites === undefined) {
    const to = new URL(origin);
    const from = new URL(BUILD_ORIGIN);
    rewrites = [
      [from.origin, to.origin],
      [encodeURIComponent(from.origin), encodeURIComponent(to.origin)],
      [from.host, to.host],
    ].map(([a, b]) => [Buffer.from(a ?? ''), Buffer.from(b ?? '')] as const);
    if (cache.size > 100) cache.clear();
    cache.set(origin, rewrites);
  }
  return rewrites;
}

/**
 * Replaces the patterns in a stream of chunks. A pattern may be cut between two chunks, so the end of a chunk that
 * could be the start of one is held back until the next chunk (or the end) shows whether it is.
 */
export class StreamRewriter {
  private held: Buffer = Buffer.alloc(0);
  private readonly longest: number;
  private readonly rewrites: Rewrites;

  constructor(rewrites: Rewrites) {
    this.rewrites = rewrites;
    this.longest = Math.max(...rewrites.map(([from]) => from.length));
  }

  /** The rewritten bytes that can be sent now. */
  push(chunk: Buffer): Buffer {
    const input = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const out: Buffer[] = [];
    let position = 0;
    // Where each pattern is found next (-1: nowhere), searched again only once passed: one scan per pattern and match.
    const found = this.rewrites.map(([pattern]) => input.indexOf(pattern));
    for (;;) {
      let best = -1;
      for (let i = 0; i < found.length; i += 1) {
        const [pattern] = this.rewrites[i] ?? [];
        if (pattern === undefined) continue;
        if ((found[i] ?? -1) !== -1 && (found[i] ?? 0) < position) found[i] = input.indexOf(pattern, position);
        const at = found[i] ?? -1;
        if (at !== -1 && (best === -1 || at < (found[best] ?? 0))) best = i;
      }
      const rewrite = this.rewrites[best];
      const at = found[best];
      if (rewrite === undefined || at === undefined) break;
      out.push(input.subarray(position, at), rewrite[1]);
      position = at + rewrite[0].length;
    }
    const keep = this.heldBack(input, position);
    out.push(input.subarray(position, input.length - keep));
    this.held = Buffer.from(input.subarray(input.length - keep));
    return Buffer.concat(out);
  }

  /** What is still held back, at the end of the body. */
  end(): Buffer {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }

  /** How many bytes at the end of `input` (after `from`) could begin a pattern. */
  private heldBack(input: Buffer, from: number): number {
    for (let size = Math.min(this.longest - 1, input.length - from); size > 0; size -= 1) {
      const tail = input.subarray(input.length - size);
      if (this.rewrites.some(([pattern]) => pattern.subarray(0, size).equals(tail))) return size;
    }
    return 0;
  }
}

/**
 * The origin to name for this request: `SITE_URL`, else the address it came in on (`http://` + its Host) when that
 * names this machine (a demo opened on the laptop, or from a phone on the same network), else `http://localhost` on the
 * port the request came in on. Without the last rule, any client could choose, through its Host header, the addresses
 * a page names, and a cache in front would keep that page for every later visitor. Production requires `SITE_URL`.
 */
export function requestOrigin(req: http.IncomingMessage, siteUrl: string | undefined, port: number): string {
  if (siteUrl !== undefined) return siteUrl;
  const host = req.headers.host ?? '';
  const parts = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d+)?$/i.exec(host);
  if (parts?.[1] !== undefined && isThisMachine(parts[1])) return `http://${host}`;
  return `http://localhost:${req.socket.localPort ?? port}`;
}

/** True when a Host header's name (without its port) is a loopback name or one of this machine's names or addresses. */
function isThisMachine(name: string): boolean {
  const bare = name.toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1') return true;
  if (isIPv4(bare) && bare.startsWith('127.')) return true;
  const machine = hostname().toLowerCase();
  if (bare === machine || bare === `${machine}.local`) return true;
  // Read each time: a laptop's address changes with its network.
  return Object.values(networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((address) => address.address.toLowerCase() === bare),
  );
}

/**
 * From here on, text answers on `res` name `origin` instead of the build's placeholder. Call it before anything is
 * written; other answers (images, fonts, compressed assets) pass untouched.
 */
export function rewritePublicOrigin(req: http.IncomingMessage, res: http.ServerResponse, origin: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return;
  if (req.headers.range !== undefined && TEXT_PATH.test(pathOf(req.url))) {
    delete req.headers.range;
    delete req.headers['if-range'];
  }
  // `null`: not a text answer, passed untouched. A file of known length is rewritten whole, so its answer keeps an exact
  // Content-Length (caches and the compression threshold read it); an answer of unknown length is rewritten as it
  // streams.
  let rewriter: StreamRewriter | null | undefined;
  let whole: Buffer[] | undefined;
  let pendingHead: [number, string | undefined] | undefined;
  const decide = (): StreamRewriter | null => {
    if (rewriter !== undefined) return rewriter;
    const type = res.getHeader('content-type');
    const encoded = res.getHeader('content-encoding');
    if (typeof type !== 'string' || !TEXT_TYPE.test(type) || (encoded !== undefined && encoded !== 'identity'))
      return (rewriter = null);
    const length = Number(res.getHeader('content-length'));
    if (req.method !== 'HEAD' && Number.isSafeInteger(length) && length <= WHOLE_LIMIT) whole = [];
    else res.removeHeader('content-length');
    return (rewriter = new StreamRewriter(rewritesFor(origin)));
  };

  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    // Fold headers given here into the response first, so the decision sees them (Astro passes them this way).
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    if (headers !== undefined)
      for (const [name, value] of Object.entries(headers as http.OutgoingHttpHeaders))
        if (value !== undefined) res.setHeader(name, value);
    decide();
    const message = rest.find((arg): arg is string => typeof arg === 'string');
    // A whole file's head waits for its new length.
    if (whole !== undefined) {
      pendingHead = [statusCode, message];
      return res;
    }
    return message === undefined ? writeHead(statusCode) : writeHead(statusCode, message);
  }) as typeof res.writeHead;

  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const active = decide();
    if (active === null || chunk === undefined || chunk === null) return write(chunk, ...rest);
    const [encoding, callback] = splitArgs(rest);
    if (whole !== undefined) {
      whole.push(toBuffer(chunk, encoding));
      if (callback !== undefined) process.nextTick(callback);
      return true;
    }
    const out = active.push(toBuffer(chunk, encoding));
    return callback === undefined ? write(out) : write(out, callback);
  }) as typeof res.write;

  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.end = ((...args: unknown[]) => {
    const active = decide();
    if (active === null) return end(...args);
    const chunk = typeof args[0] === 'function' ? undefined : args[0];
    const [encoding, callback] = splitArgs(args.slice(chunk === undefined ? 0 : 1));
    const last = chunk === undefined || chunk === null ? Buffer.alloc(0) : toBuffer(chunk, encoding);
    let body: Buffer;
    if (whole === undefined) {
      body = Buffer.concat([active.push(last), active.end()]);
    } else {
      body = Buffer.concat([active.push(Buffer.concat([...whole, last])), active.end()]);
      // From here on the head goes out as asked (Node's implicit head calls writeHead too).
      whole = undefined;
      res.setHeader('Content-Length', body.length);
      if (pendingHead !== undefined)
        if (pendingHead[1] === undefined) writeHead(pendingHead[0]);
        else writeHead(pendingHead[0], pendingHead[1]);
    }
    if (body.length === 0) return callback === undefined ? end() : end(callback);
    return callback === undefined ? end(body) : end(body, callback);
  }) as typeof res.end;
}

function splitArgs(rest: unknown[]): [BufferEncoding | undefined, (() => void) | undefined] {
  const encoding = rest.find((arg): arg is BufferEncoding => typeof arg === 'string');
  const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
  return [encoding, callback];
}

function toBuffer(chunk: unknown, encoding: BufferEncoding | undefined): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding ?? 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}
