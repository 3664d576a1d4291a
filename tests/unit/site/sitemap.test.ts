import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isPublicPage, withLanguageLinks } from '#src/features/site/sitemap.ts';

const site = 'https://hotro.example.invalid';
const clientDir = mkdtempSync(join(tmpdir(), 'sitemap-client-'));
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

/**
 * A built page as Astro writes it: `<path>/index.html`, declaring its language, its translation, itself and x-default
 * (the Vietnamese page), in the order BaseLayout writes them.
 */
function builtPage(path: string, lang: string, alternate: { lang: string; href: string }): void {
  mkdirSync(join(clientDir, path), { recursive: true });
  const self = `${site}/${path}`;
  const link = (hreflang: string, href: string) => `<link rel="alternate" hreflang="${hreflang}" href="${href}">`;
  writeFileSync(
    join(clientDir, path, 'index.html'),
    `<!doctype html><html lang="${lang}"><head>${link(alternate.lang, `${site}${alternate.href}`)}${link(lang, self)}${link('x-default', lang === 'vi' ? self : `${site}${alternate.href}`)}</head></html>`,
  );
}

describe('sitemap', () => {
  test('lists public pages and leaves out the console, follow-up, search, APIs and embeds', () => {
    for (const path of ['/', '/en/', '/xin-tu-van/', '/ma-tuy-a-z/ma-tuy-da/', '/en/campaigns/not-candy/']) {
      expect(isPublicPage(`${site}${path}`), path).toBe(true);
    }
    for (const path of [
      '/quan-ly/',
      '/quan-ly/ho-so/',
      '/en/console/',
      '/theo-doi/',
      '/en/track/',
      '/tim-kiem/',
      '/en/search/',
      '/ma-tuy-a-z/tim-kiem/',
      '/en/drugs-a-z/search/',
      '/api/intake',
      '/embed/locator/',
    ]) {
      expect(isPublicPage(`${site}${path}`), path).toBe(false);
    }
  });

  test('pairs a page with its translated address, both ways round, as the page itself declares', () => {
    builtPage('chien-dich/khong-phai-keo', 'vi', { lang: 'en', href: '/en/campaigns/not-candy' });
    const item = withLanguageLinks({ url: `${site}/chien-dich/khong-phai-keo/` }, clientDir);
    expect(item.links).toEqual([
      { lang: 'vi', url: `${site}/chien-dich/khong-phai-keo/` },
      { lang: 'en', url: `${site}/en/campaigns/not-candy/` },
      { lang: 'x-default', url: `${site}/chien-dich/khong-phai-keo/` },
    ]);
    builtPage('en/campaigns/not-candy', 'en', { lang: 'vi', href: '/chien-dich/khong-phai-keo' });
    expect(withLanguageLinks({ url: `${site}/en/campaigns/not-candy/` }, clientDir).links).toEqual([
      { lang: 'en', url: `${site}/en/campaigns/not-candy/` },
      { lang: 'vi', url: `${site}/chien-dich/khong-phai-keo/` },
      { lang: 'x-default', url: `${site}/chien-dich/khong-phai-keo/` },
    ]);
  });

  test('pairs pages rendered on demand from the route table', () => {
    const item = withLanguageLinks({ url: `${site}/en/ask-for-help/` }, clientDir);
    expect(item.links).toEqual([
      { lang: 'en', url: `${site}/en/ask-for-help/` },
      { lang: 'vi', url: `${site}/xin-tu-van/` },
      { lang: 'x-default', url: `${site}/xin-tu-van/` },
    ]);
  });

  test('gives no pair to a page whose translation is still a draft (it points to the other home page)', () => {
    builtPage('bai-viet/ban-nhap', 'vi', { lang: 'en', href: '/en/' });
    expect(withLanguageLinks({ url: `${site}/bai-viet/ban-nhap/` }, clientDir).links).toBeUndefined();
  });
});
