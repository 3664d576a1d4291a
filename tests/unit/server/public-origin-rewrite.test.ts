/**
 * Prerendered files carry the build's placeholder origin; the portal server names the public one (SITE_URL) as it
 * serves them, however the file server cuts the body into chunks, compressed or not, and leaves images alone.
 */
import http from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_ORIGIN } from '#src/features/site/build-origin.ts';
import { createPortalServer } from '#src/server/http-server.ts';
import { StreamRewriter, rewritesFor } from '#src/server/public-origin-rewrite.ts';

const SITE = 'https://hotro.example.gov.vn:8443';
const buildHost = new URL(BUILD_ORIGIN).host;
const PAGE =
  `<link rel="canonical" href="${BUILD_ORIGIN}/ma-tuy-a-z/heroin/">` +
  `<a href="https://sp.zalo.me/share_inline?url=${encodeURIComponent(`${BUILD_ORIGIN}/chien-dich/x`)}">Zalo</a>` +
  `<p class="poster__url">${buildHost}/xin-tu-van</p>` +
  '<p>Người sử dụng ma túy có thể tìm hỗ trợ.</p>'.repeat(50);
const EXPECTED = PAGE.replaceAll(BUILD_ORIGIN, SITE)
  .replaceAll(encodeURIComponent(BUILD_ORIGIN), encodeURIComponent(SITE))
  .replaceAll(buildHost, new URL(SITE).host);

describe('the stream rewriter', () => {
  it('replaces the origin, its encoded form and the bare host wherever the chunks are cut', () => {
    const bytes = Buffer.from(PAGE);
    expect(EXPECTED).not.toContain('.invalid');
    for (let cut = 0; cut <= 400; cut += 1) {
      const rewriter = new StreamRewriter(rewritesFor(SITE));
      const parts = [rewriter.push(bytes.subarray(0, cut)), rewriter.push(bytes.subarray(cut)), rewriter.end()];
      expect(Buffer.concat(parts).toString('utf8'), `cut at ${cut}`).toBe(EXPECTED);
    }
  });

  it('passes a body byte by byte unchanged when it names no placeholder (multi-byte letters included)', () => {
    const text = 'Người sử dụng https://public-origin.example hỗ trợ';
    const rewriter = new StreamRewriter(rewritesFor(SITE));
    const bytes = Buffer.from(text);
    const parts = [...bytes].map((byte) => rewriter.push(Buffer.from([byte])));
    expect(Buffer.concat([...parts, rewriter.end()]).toString('utf8')).toBe(text);
  });
});

function serve(siteUrl: string | undefined): Promise<{ server: http.Server; port: number }> {
  const server = createPortalServer({
    https: false,
    siteUrl,
    handler: (req, res) => {
      const body = Buffer.from(PAGE);
      const png = req.url === '/card.png';
      // As the file server answers a prerendered file: its length set, the body piped in chunks.
      res.setHeader('Content-Type', png ? 'image/png' : 'text/html; charset=utf-8');
      // An on-demand answer streams without a length.
      if (req.url !== '/stream') res.setHeader('Content-Length', body.length);
      res.setHeader('Cache-Control', 'public, max-age=0');
      for (let at = 0; at < body.length; at += 97) res.write(body.subarray(at, at + 97));
      res.end();
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })),
  );
}

function get(port: number, path: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

describe('the portal server', () => {
  let configured: { server: http.Server; port: number };
  let unconfigured: { server: http.Server; port: number };
  beforeAll(async () => {
    configured = await serve(SITE);
    unconfigured = await serve(undefined);
  });
  afterAll(async () => {
    await Promise.all([configured, unconfigured].map(({ server }) => new Promise((done) => server.close(done))));
  });

  it('serves a prerendered page naming SITE_URL, plain and compressed', async () => {
    const plain = await get(configured.port, '/');
    expect(plain.body.toString('utf8')).toBe(EXPECTED);
    // A file of known length keeps an exact one.
    expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(EXPECTED)));
    const compressed = await get(configured.port, '/', { 'Accept-Encoding': 'br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(compressed.body).toString('utf8')).toBe(EXPECTED);
  });

  it('rewrites an answer of unknown length as it streams', async () => {
    const { headers, body } = await get(configured.port, '/stream');
    expect(body.toString('utf8')).toBe(EXPECTED);
    expect(headers['transfer-encoding']).toBe('chunked');
  });

  it('without SITE_URL names the address the request came in on, when it is this machine', async () => {
    const ownName = `${hostname()}:4321`;
    for (const host of ['localhost:4321', '127.0.0.1:4321', '[::1]:4321', ownName, `${hostname()}.local:4321`]) {
      const { body } = await get(unconfigured.port, '/', { Host: host });
      expect(body.toString('utf8'), host).toContain(`href="http://${host}/ma-tuy-a-z/heroin/"`);
      expect(body.toString('utf8')).not.toContain('.invalid');
    }
  });

  // A demo without SITE_URL must not let a request's Host header choose the addresses its pages name (a cache in
  // front would keep a page pointing elsewhere for every later visitor).
  it('without SITE_URL never names a host that is not this machine', async () => {
    for (const host of ['evil.example', 'portal.example.gov.vn:443', '203.0.113.7:4321']) {
      const { body } = await get(unconfigured.port, '/', { Host: host });
      const text = body.toString('utf8');
      expect(text, host).not.toContain(host);
      expect(text, host).toContain(`href="http://localhost:${unconfigured.port}/ma-tuy-a-z/heroin/"`);
    }
  });

  it('leaves images byte for byte as they are', async () => {
    const { headers, body } = await get(configured.port, '/card.png');
    expect(body.toString('utf8')).toBe(PAGE);
    expect(headers['content-length']).toBe(String(Buffer.byteLength(PAGE)));
  });
});
