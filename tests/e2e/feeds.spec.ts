import { expect, test } from '@playwright/test';

// The RSS feed of new articles (one per language) and the sitemap: public pages only, each with its other language.
test('each language has its own RSS feed of articles, linked from every page', async ({ page, request }) => {
  for (const [home, feed, article] of [
    ['/', '/rss.xml', '/bai-viet/noi-chuyen-voi-con-ve-ma-tuy'],
    ['/en/', '/en/rss.xml', '/en/articles/talking-with-your-child-about-drugs'],
  ] as const) {
    await page.goto(home);
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', feed);
    const response = await request.get(feed);
    expect(response.status()).toBe(200);
    const xml = await response.text();
    expect(xml).toContain('<rss version="2.0">');
    expect(xml).toContain(`${article}</link>`);
    expect(xml).toMatch(/<pubDate>[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4}/);
    // Articles only, and only in the feed's own language.
    expect(xml).not.toContain('/chien-dich/');
    expect(xml).not.toContain(feed === '/rss.xml' ? '/en/' : '/bai-viet/');
  }
});

test('the sitemap lists public pages in both languages, each linked to its translation', async ({ request }) => {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '').pathname);
  expect(sitemaps.length).toBeGreaterThan(0);
  const xml = (await Promise.all(sitemaps.map(async (path) => (await request.get(path)).text()))).join('\n');
  const urls = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((match) => match[1] ?? '');
  const entry = (path: string) => urls.find((url) => new RegExp(`<loc>[^<]*${path}/?</loc>`).test(url));

  for (const path of [
    '/ma-tuy-a-z',
    '/en/drugs-a-z',
    '/xin-tu-van',
    '/en/ask-for-help',
    '/chien-dich/khong-phai-keo',
    '/en/campaigns/not-candy',
  ]) {
    expect(entry(path), path).toBeDefined();
  }
  // A translated slug is paired both ways, with hreflang.
  const vi = entry('/chien-dich/khong-phai-keo') ?? '';
  expect(vi).toMatch(/hreflang="en" href="[^"]*\/en\/campaigns\/not-candy\/?"/);
  expect(vi).toMatch(/hreflang="vi" href="[^"]*\/chien-dich\/khong-phai-keo\/?"/);
  expect(entry('/en/campaigns/not-candy') ?? '').toMatch(/hreflang="vi" href="[^"]*\/chien-dich\/khong-phai-keo\/?"/);
  expect(entry('/xin-tu-van') ?? '').toMatch(/hreflang="en" href="[^"]*\/en\/ask-for-help\/?"/);

  // Nothing private: staff console, follow-up, search results, APIs, embeds.
  for (const path of [
    '/quan-ly',
    '/en/console',
    '/theo-doi',
    '/en/track',
    '/tim-kiem',
    '/en/search',
    '/ma-tuy-a-z/tim-kiem',
    '/en/drugs-a-z/search',
    '/api/',
    '/embed/',
  ]) {
    // Anchored after the host: the English configurator /en/embed is public, the /embed/ frames are not.
    expect(xml, path).not.toMatch(new RegExp(`<loc>https?://[^/<]+${path}`));
  }
});
