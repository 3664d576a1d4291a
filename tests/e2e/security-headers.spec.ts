import { expect, test } from '@playwright/test';
import { pageTypes } from '#src/features/site/page-types.ts';
import { startPortal } from '../setup/portal-process.ts';

// The headers as `npm start` serves them: on prerendered pages (which the node adapter serves without middleware),
// on on-demand pages and on pages with islands.
function cspDirectives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

const privatePageTypes = new Set(['intake', 'track', 'console-sign-in']);

for (const pageType of pageTypes) {
  for (const lang of ['vi', 'en'] as const) {
    test(`${pageType.id} (${lang}, ${pageType.rendering}) carries the security headers`, async ({ request }) => {
      const response = await request.get(pageType.paths[lang], { maxRedirects: 0 });
      const headers = response.headers();
      const header = cspDirectives(headers['content-security-policy'] ?? '');
      // Only the embeds may be framed by other sites; every other page refuses any frame.
      expect(header.get('frame-ancestors')).toBe(pageType.embed === true ? '*' : "'none'");
      expect(header.get('object-src')).toBe("'none'");
      expect(headers['x-frame-options']).toBe(pageType.embed === true ? undefined : 'DENY');
      expect(headers['referrer-policy']).toBe('same-origin');
      expect(headers['permissions-policy']).toContain('camera=()');
      expect(headers['x-content-type-options']).toBe('nosniff');
      // Pages that can show a person's own request or a staff sign-in are never kept by a browser or a proxy.
      if (privatePageTypes.has(pageType.id)) expect(headers['cache-control']).toContain('no-store');
      // Served over plain HTTP here: HSTS only makes sense behind HTTPS (see the next test).
      expect(headers['strict-transport-security']).toBeUndefined();

      // Script sources come from Astro's hashed policy, in the page: never 'unsafe-inline'.
      const html = await response.text();
      const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
      const scriptSrc =
        cspDirectives(meta).get('script-src') ??
        cspDirectives(headers['content-security-policy'] ?? '').get('script-src');
      expect(scriptSrc, 'script-src is set').toBeTruthy();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
    });
  }
}

test('every way of serving a page is covered: prerendered, on demand and with an island', () => {
  const kinds = new Set(pageTypes.map((page) => (page.scriptAllowed ? 'island' : page.rendering)));
  expect([...kinds].sort()).toEqual(expect.arrayContaining(['island', 'on-demand', 'static']));
});

test('build assets are cached for a year and carry the same headers', async ({ request, page }) => {
  // Stylesheets are inlined (no render-blocking request); an island's script is a build asset.
  await page.goto('/xin-tu-van');
  const script = await page.locator('script[type="module"][src]').first().getAttribute('src');
  expect(script).toMatch(/^\/_astro\//);
  const response = await request.get(script ?? '');
  expect(response.headers()['cache-control']).toContain('immutable');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});

test('behind HTTPS the portal sends HSTS', async () => {
  const portal = await startPortal({ port: 4491, env: { SITE_URL: 'https://hotro.example.invalid', DEMO: '0' } });
  try {
    for (const path of ['/', '/en/']) {
      const response = await fetch(`${portal.url}${path}`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  } finally {
    await portal.stop();
  }
});
