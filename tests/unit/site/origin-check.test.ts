/**
 * The cross-site form check behind a TLS proxy: the browser says `Origin: https://…`, the portal is reached over plain
 * HTTP. Forms from SITE_URL, or from the scheme a trusted proxy reports, pass; forms from other sites do not.
 */
import { describe, expect, it } from 'vitest';
import { isCrossSiteForm, ownOrigins } from '#src/features/site/origin-check.server.ts';

const SITE = 'https://hotro.example.gov.vn';
const form = (
  origin: string | undefined,
  extra: Record<string, string> = {},
  type = 'application/x-www-form-urlencoded',
) =>
  new Request('http://hotro.example.gov.vn/xin-tu-van', {
    method: 'POST',
    headers: { 'content-type': type, ...(origin === undefined ? {} : { origin }), ...extra },
    body: 'a=b',
  });
const check = (request: Request, siteUrl: string | undefined, trustProxy: number) =>
  isCrossSiteForm(request, ownOrigins(new URL(request.url), request.headers, { siteUrl, trustProxy }));

describe('the origin check', () => {
  it('lets a form from SITE_URL through a TLS proxy', () => {
    expect(check(form(SITE), SITE, 1)).toBe(false);
    expect(check(form(SITE), SITE, 0)).toBe(false);
  });

  it('without SITE_URL believes the scheme of a trusted proxy only', () => {
    const proxied = form(SITE, { 'x-forwarded-proto': 'https' });
    expect(check(proxied, undefined, 1)).toBe(false);
    expect(check(proxied, undefined, 0)).toBe(true);
  });

  it('refuses forms from other sites, or without an origin, in every encoding a form can use', () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      expect(check(form('https://attacker.example', { 'x-forwarded-proto': 'https' }, type), SITE, 1)).toBe(true);
      expect(check(form(undefined, {}, type), SITE, 1)).toBe(true);
    }
  });

  it('reads the form types in any case and with quoted parameters, and takes a malformed type for a form', () => {
    for (const type of ['Multipart/Form-Data; boundary="x y"', 'TEXT/PLAIN; charset="UTF-8"', 'text/plain; charset'])
      expect(check(form('https://attacker.example', {}, type), SITE, 1)).toBe(true);
    expect(check(form('https://attacker.example', {}, 'Application/JSON; charset="utf-8"'), SITE, 1)).toBe(false);
  });

  it('leaves reads and non-form bodies alone (a cross-site JSON request needs CORS, which is never granted)', () => {
    expect(check(new Request('http://hotro.example.gov.vn/'), SITE, 1)).toBe(false);
    expect(check(form('https://attacker.example', {}, 'application/json'), SITE, 1)).toBe(false);
  });
});
