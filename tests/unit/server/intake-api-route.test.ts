/**
 * `POST /api/intake` answered by the portal's own server (src/server/intake-api-route.ts), before Astro's handler: what
 * a client of the API sees must not depend on which of the two carried the request. The Astro route's answers are
 * checked at length by tests/unit/intake/api-fuzz.test.ts; here, the same requests through the real `node:http` server.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureIntakeServices } from '#src/features/intake/services.server.ts';
import { RECEIPT_CODE_PATTERN } from '#src/features/intake/receipt-code.ts';
import { createPortalServer } from '#src/server/http-server.ts';
import { intakeApiRoute } from '#src/server/intake-api-route.ts';
import { createIntakeHarness, intakeRowCounts, validRequest, type IntakeHarness } from '../intake/helpers.ts';

let h: IntakeHarness;
let server: http.Server;
let origin: string;
/** Requests that reached the stand-in for Astro's handler. */
const astroSaw: string[] = [];

beforeAll(async () => {
  h = await createIntakeHarness();
  configureIntakeServices(h.services);
  server = createPortalServer({
    https: false,
    directRoutes: [intakeApiRoute],
    handler: (req, res) => {
      astroSaw.push(`${req.method} ${req.url}`);
      res.writeHead(405, { 'Content-Type': 'application/json' });
      res.end('{"errors":[{"field":"method","message":"POST only"}]}');
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  configureIntakeServices(undefined);
  await new Promise((resolve) => server.close(resolve));
  await h.cleanup();
});

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '') =>
  fetch(`${origin}/api/intake${path}`, { method: 'POST', headers, body });

describe('POST /api/intake on the portal server', () => {
  it('answers 201 with a receipt code, after the case is written, with the security headers and no caching', async () => {
    const before = await intakeRowCounts(h.db);
    const response = await post(JSON.stringify({ ...validRequest(), altcha: await h.proof() }));
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await response.json()) as { receiptCode: string; point: { id: string } };
    expect(body.receiptCode).toMatch(RECEIPT_CODE_PATTERN);
    expect(body.point.id).toBe(h.pointIds[0]);
    expect((await intakeRowCounts(h.db))['cases']).toBe(before['cases']! + 1);
    expect(astroSaw).toEqual([]);
  });

  it('refuses a request without a proof of work, in the language asked for', async () => {
    const response = await post(JSON.stringify(validRequest()), { 'content-type': 'application/json' }, '?lang=en');
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors[0]?.field).toBe('altcha');
    expect(body.errors[0]?.message).toMatch(/[a-z]/i);
  });

  it('answers 415, 413 and 400 before reading or parsing what it must not', async () => {
    expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    // Too large, announced…
    expect((await post('x'.repeat(20_000))).status).toBe(413);
    // …and not announced (a stream without Content-Length).
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${origin}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
    const malformed = await post('{"who": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body');
  });

  it('leaves other methods, and every other path, to Astro', async () => {
    expect((await fetch(`${origin}/api/intake`)).status).toBe(405);
    await fetch(`${origin}/api/intake-other`, { method: 'POST', body: '{}' });
    expect(astroSaw).toEqual(['GET /api/intake', 'POST /api/intake-other']);
  });
});
