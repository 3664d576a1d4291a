import { describe, expect, it } from 'vitest';
import { cacheHeaders, securityHeaders } from '#src/server/security-headers.ts';

describe('security headers', () => {
  it('forbid framing everywhere but the embeds', () => {
    expect(securityHeaders('/', { https: false })['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(securityHeaders('/embed/locator', { https: false })['Content-Security-Policy']).toContain(
      'frame-ancestors *',
    );
    expect(securityHeaders('/embedded', { https: false })['Content-Security-Policy']).toContain(
      "frame-ancestors 'none'",
    );
  });

  it('never name script-src in the header, which would cancel the hashes of island scripts', () => {
    expect(securityHeaders('/tim-ho-tro', { https: true })['Content-Security-Policy']).not.toMatch(
      /script-src|default-src/,
    );
  });

  it('send HSTS only when the public origin is HTTPS', () => {
    expect(securityHeaders('/', { https: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders('/', { https: true })['Strict-Transport-Security']).toContain('max-age=31536000');
  });

  it('never send the page address to another site', () => {
    expect(securityHeaders('/xin-tu-van', { https: false })['Referrer-Policy']).toBe('same-origin');
  });

  it('cache fingerprinted assets for a year and nothing else', () => {
    expect(cacheHeaders('/_astro/app.Ab12.css')['Cache-Control']).toContain('immutable');
    expect(cacheHeaders('/')).toEqual({});
  });
});

describe('Pagefind files', () => {
  it("let Pagefind's worker compile WebAssembly from this site's scripts only", () => {
    const policy = securityHeaders('/pagefind/pagefind-worker.js', { https: false })['Content-Security-Policy'];
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('leave WebAssembly off everywhere else', () => {
    expect(securityHeaders('/tim-kiem', { https: false })['Content-Security-Policy']).not.toContain('wasm');
    expect(securityHeaders('/pagefinder', { https: false })['Content-Security-Policy']).not.toContain('wasm');
  });
});

describe('open data', () => {
  it('may be read by other sites, but not framed', () => {
    const headers = securityHeaders('/open-data/hsds/services', { https: false });
    expect(headers['Cross-Origin-Resource-Policy']).toBe('cross-origin');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });
});

describe('the widget loader', () => {
  it("may be loaded by other sites' pages, but not framed", () => {
    const headers = securityHeaders('/widget.js', { https: false });
    expect(headers['Cross-Origin-Resource-Policy']).toBe('cross-origin');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('is cached for an hour, not for a year: its address never changes', () => {
    expect(cacheHeaders('/widget.js')['Cache-Control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
  });

  it('is the only file outside /embed/ and /open-data/ other sites may load', () => {
    expect(securityHeaders('/favicon.svg', { https: false })['Cross-Origin-Resource-Policy']).toBe('same-origin');
    expect(securityHeaders('/widget.jsx', { https: false })['Cross-Origin-Resource-Policy']).toBe('same-origin');
  });
});
