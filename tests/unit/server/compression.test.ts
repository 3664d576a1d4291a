/**
 * The portal server compresses text answers (Lighthouse counts an uncompressed page against it, and so does a reader on
 * a slow mobile connection), except answers marked `no-store`: forms, follow-up, console and API pages carry tokens
 * and echo what the person typed, which a compression side channel (BREACH) could read.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer } from '#src/server/http-server.ts';

const PAGE = `<!doctype html><html lang="vi"><body>${'<p>Người sử dụng ma túy có thể tìm hỗ trợ.</p>'.repeat(200)}</body></html>`;
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = createPortalServer({
    https: false,
    handler: (req, res) => {
      const noStore = req.url === '/xin-tu-van';
      const body = req.url === '/small' ? '<p>ok</p>' : PAGE;
      // As the file server answers a prerendered page: with its length.
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': noStore ? 'no-store' : 'public, max-age=0',
      });
      res.end(body);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A raw GET (node:http does not decode), with the given Accept-Encoding. */
function get(path: string, acceptEncoding?: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port,
        path,
        headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on('error', reject);
  });
}

describe('compression', () => {
  it('sends Brotli to a browser that takes it, and the page decodes to the same text', async () => {
    const { headers, body } = await get('/', 'gzip, deflate, br');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['vary']).toContain('Accept-Encoding');
    expect(body.length).toBeLessThan(Buffer.byteLength(PAGE) / 5);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(PAGE);
    // The security headers are still there.
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('sends gzip to a client that takes only gzip, and nothing compressed to one that asks for none', async () => {
    const gzip = await get('/', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(PAGE);
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(PAGE);
  });

  it('never compresses a no-store answer (forms, follow-up, console, API), however large', async () => {
    const { headers, body } = await get('/xin-tu-van', 'gzip, br');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers['cache-control']).toBe('no-store');
    expect(body.toString('utf8')).toBe(PAGE);
  });

  it('leaves answers under a kilobyte as they are', async () => {
    const { headers, body } = await get('/small', 'br');
    expect(headers['content-encoding']).toBeUndefined();
    expect(body.toString('utf8')).toBe('<p>ok</p>');
  });
});
