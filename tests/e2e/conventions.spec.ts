import { expect, test, type APIRequestContext } from '@playwright/test';
import { pageTypes } from '#src/features/site/page-types.ts';
import { languages } from '#src/i18n/index.ts';

// What browsers, crawlers and chat apps look for on any site: link previews (Open Graph, Twitter), hreflang with
// x-default, robots.txt naming the sitemap, security.txt, a web app manifest with PNG icons.

/** The `content` of a `<meta>` with this property or name, HTML entities of URLs undone. */
function meta(html: string, key: string): string | undefined {
  const tag = [...html.matchAll(/<meta\s[^>]*>/g)]
    .map((match) => match[0])
    .find((found) => found.includes(`property="${key}"`) || found.includes(`name="${key}"`));
  return tag === undefined ? undefined : /content="([^"]*)"/.exec(tag)?.[1]?.replaceAll('&amp;', '&');
}

function links(html: string, rel: string): Array<{ hreflang: string | undefined; href: string }> {
  return [...html.matchAll(/<link\s[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => tag.includes(`rel="${rel}"`))
    .map((tag) => ({ hreflang: /hreflang="([^"]+)"/.exec(tag)?.[1], href: /href="([^"]+)"/.exec(tag)?.[1] ?? '' }));
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function expectPng(request: APIRequestContext, url: string, size: { width: number; height: number }) {
  const response = await request.get(new URL(url).pathname);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type'], url).toBe('image/png');
  expect(pngSize(await response.body()), url).toEqual(size);
}

for (const pageType of pageTypes) {
  for (const lang of languages) {
    const path = pageType.paths[lang];
    test(`${pageType.id} (${lang}): an indexable page carries link-preview tags and hreflang with x-default`, async ({
      request,
    }) => {
      const response = await request.get(path);
      const html = await response.text();
      test.skip(/<meta name="robots" content="noindex">/.test(html) || pageType.embed === true, 'not indexable');
      const canonical = links(html, 'canonical')[0]?.href ?? '';
      const origin = new URL(canonical).origin;

      for (const key of ['og:title', 'og:description', 'og:image', 'og:url', 'og:type', 'og:site_name', 'og:locale'])
        expect(meta(html, key), key).toBeTruthy();
      for (const key of ['twitter:card', 'twitter:title', 'twitter:description', 'twitter:image'])
        expect(meta(html, key), key).toBeTruthy();
      expect(meta(html, 'og:url')).toBe(canonical);
      expect(meta(html, 'twitter:image')).toBe(meta(html, 'og:image'));
      const image = meta(html, 'og:image') ?? '';
      expect(new URL(image).origin).toBe(origin);
      await expectPng(request, image, {
        width: Number(meta(html, 'og:image:width')),
        height: Number(meta(html, 'og:image:height')),
      });
      expect(meta(html, 'og:image:alt')).toBeTruthy();

      const alternates = links(html, 'alternate').filter((link) => link.hreflang !== undefined);
      const hreflang: Record<string, string> = Object.fromEntries(
        alternates.map((link) => [link.hreflang ?? '', link.href]),
      );
      expect(Object.keys(hreflang).sort()).toEqual(['en', 'vi', 'x-default']);
      expect(hreflang[lang]).toBe(canonical);
      // Readers of neither language get the Vietnamese page.
      expect(hreflang['x-default']).toBe(hreflang['vi']);
      for (const href of Object.values(hreflang)) expect(new URL(href).origin).toBe(origin);
    });
  }
}

test('robots.txt names the sitemap by its absolute address, and the sitemap answers', async ({ request }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  const text = await robots.text();
  expect(text).toContain('Disallow: /quan-ly');
  const sitemap = /^Sitemap: (\S+)$/m.exec(text)?.[1] ?? '';
  expect(sitemap).toMatch(/^https?:\/\/[^/]+\/sitemap-index\.xml$/);
  const index = await request.get(new URL(sitemap).pathname);
  expect(index.status()).toBe(200);
  expect(await index.text()).toContain('<sitemapindex');
});

test('the sitemap gives each page its other language and x-default', async ({ request }) => {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const first = /<loc>([^<]+)<\/loc>/.exec(index)?.[1] ?? '';
  const xml = await (await request.get(new URL(first).pathname)).text();
  const home = /<url><loc>[^<]*\/en\/<\/loc>([\s\S]*?)<\/url>/.exec(xml)?.[1] ?? '';
  expect(home).toMatch(/hreflang="en" href="[^"]*\/en\/"/);
  expect(home).toMatch(/hreflang="x-default" href="[^"]*\/"/);
  expect(home).not.toMatch(/hreflang="x-default" href="[^"]*\/en\/"/);
});

test('security.txt names the configured contact, expires within a year and gives its canonical address', async ({
  request,
  baseURL,
}) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  const text = await response.text();
  // The e2e server's SECURITY_CONTACT (playwright.config.ts).
  expect(text).toMatch(/^Contact: mailto:security@example\.invalid$/m);
  const expires = new Date(/^Expires: (\S+)$/m.exec(text)?.[1] ?? '');
  expect(expires.getTime()).toBeGreaterThan(Date.now());
  expect(expires.getTime()).toBeLessThan(Date.now() + 365 * 24 * 60 * 60 * 1000);
  expect(text).toContain(`Canonical: ${new URL(baseURL ?? '').origin}/.well-known/security.txt`);
  expect(text).toMatch(/^Preferred-Languages: vi, en$/m);
});

test('each language links a web app manifest whose PNG icons exist at their stated sizes', async ({ request }) => {
  for (const [home, start] of [
    ['/', '/'],
    ['/en/', '/en/'],
  ] as const) {
    const html = await (await request.get(home)).text();
    const manifestPath = links(html, 'manifest')[0]?.href ?? '';
    const response = await request.get(manifestPath);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as {
      name: string;
      start_url: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
    };
    expect(manifest.start_url).toBe(start);
    const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
    expect(pngs.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(pngs.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of pngs) {
      const [width, height] = icon.sizes.split('x').map(Number);
      await expectPng(request, new URL(icon.src, 'http://x').href, { width: width ?? 0, height: height ?? 0 });
    }
    const touch = links(html, 'apple-touch-icon')[0]?.href ?? '';
    await expectPng(request, new URL(touch, 'http://x').href, { width: 180, height: 180 });
  }
});
