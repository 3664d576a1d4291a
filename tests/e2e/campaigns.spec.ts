import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { languages, type Lang } from '#src/i18n/index.ts';
import { repoRoot } from '../setup/portal-process.ts';

// Every campaign in both languages, as a reader and a sharing app see it: one tiny script at most, a share card that
// exists at the size Open Graph asks for, plain share links, no request to any other site, and one printed A4 page.
const SCRIPT_BUDGET_BYTES = 1024;

function campaignPaths(lang: Lang): string[] {
  return readdirSync(join(repoRoot, 'content/campaigns', lang))
    .filter((file) => file.endsWith('.md'))
    .map((file) => localizedPath('campaign', lang, { slug: file.replace(/\.md$/, '') }));
}

/** The bytes of every script the page ships: inline ones as written, external ones as served. */
async function scriptSizes(request: APIRequestContext, html: string): Promise<number[]> {
  const sizes: number[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\ssrc="([^"]+)"/.exec(match[1] ?? '')?.[1];
    sizes.push(src ? (await (await request.get(src)).body()).length : Buffer.byteLength(match[2] ?? '', 'utf8'));
  }
  return sizes;
}

/** Width and height from a PNG's IHDR chunk, which always comes first after the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('there are at least three campaigns in each language, paired', () => {
  for (const lang of languages) expect(campaignPaths(lang).length).toBeGreaterThanOrEqual(3);
  expect(campaignPaths('vi').length).toBe(campaignPaths('en').length);
});

for (const lang of languages) {
  for (const path of campaignPaths(lang)) {
    test.describe(`campaign ${path}`, () => {
      test(`ships one script of at most ${SCRIPT_BUDGET_BYTES} bytes, and no event-handler attribute`, async ({
        request,
      }) => {
        const html = await (await request.get(path)).text();
        const sizes = await scriptSizes(request, html);
        expect(sizes).toHaveLength(1);
        expect(sizes[0]).toBeLessThanOrEqual(SCRIPT_BUDGET_BYTES);
        expect(html).not.toMatch(/\son[a-z]+=/i);
      });

      test('its share card exists, is a 1200×630 PNG and is what og:image names', async ({ page, request }) => {
        await page.goto(path);
        const image = await page.locator('meta[property="og:image"]').getAttribute('content');
        expect(image).toMatch(/^https?:\/\/.+\.png$/);
        const card = await request.get(new URL(image ?? '').pathname);
        expect(card.status()).toBe(200);
        expect(card.headers()['content-type']).toBe('image/png');
        expect(pngSize(await card.body())).toEqual({ width: 1200, height: 630 });
        await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200');
        await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630');
        await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
          'content',
          (await page.locator('h1').textContent()) ?? '',
        );
      });

      test('offers plain Zalo and Facebook links carrying only the page address, and loads nothing from other sites', async ({
        page,
        baseURL,
      }) => {
        const foreign: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(baseURL ?? '')) foreign.push(request.url());
        });
        await page.goto(path);
        const pageUrl = await page.locator('meta[property="og:url"]').getAttribute('content');
        const facebook = await page
          .locator('a[href^="https://www.facebook.com/sharer/sharer.php"]')
          .getAttribute('href');
        const zalo = await page.locator('a[href^="https://sp.zalo.me/"]').getAttribute('href');
        expect(new URL(facebook ?? '').searchParams.get('u')).toBe(pageUrl);
        expect([...new URL(facebook ?? '').searchParams.keys()]).toEqual(['u']);
        expect(new URL(zalo ?? '').searchParams.get('url')).toBe(pageUrl);
        expect([...new URL(zalo ?? '').searchParams.keys()]).toEqual(['url']);
        await page.waitForLoadState('networkidle');
        expect(foreign).toEqual([]);
      });

      test('gives schools a text to copy that carries its credit and its licence', async ({ page }) => {
        await page.goto(path);
        const reuse = page.locator('#reuse-text');
        await expect(reuse).toHaveAttribute('readonly', '');
        const text = await reuse.inputValue();
        expect(text).toContain('CC BY 4.0');
        expect(text).toContain(new URL(page.url()).pathname.replace(/\/$/, ''));
        await expect(
          page.locator('a[rel="license"][href^="https://creativecommons.org/licenses/by/4.0/"]'),
        ).toBeVisible();
      });

      test('prints as one A4 poster with the slogan, the ways to get help and a QR code', async ({ page }) => {
        await page.goto(path);
        const slogan = (await page.locator('.slogan').textContent()) ?? '';
        await page.emulateMedia({ media: 'print' });
        const poster = page.locator('.poster');
        await expect(poster).toBeVisible();
        await expect(poster.locator('.poster__slogan')).toHaveText(slogan);
        await expect(poster.getByRole('img', { name: /QR/ })).toBeVisible();
        await expect(page.locator('.site-header')).toBeHidden();
        await expect(page.locator('.next-steps')).toBeHidden();
        const pdf = await page.pdf({ preferCSSPageSize: true });
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
        expect(pages).toHaveLength(1);
        // A4 in PostScript points (595.28 × 841.89), as Chromium writes it.
        expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/);
      });
    });
  }
}

test('on screen the poster stays hidden and, with JavaScript, the print button appears', async ({ page }) => {
  await page.goto(campaignPaths('vi')[0] ?? '/');
  await expect(page.locator('.poster')).toBeHidden();
  await expect(page.locator('[data-print]')).toBeVisible();
});

test('without JavaScript the page keeps its share text and links, and hides the buttons that need a script', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(campaignPaths('en')[0] ?? '/en/');
  await expect(page.locator('#share-text')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Share on Zalo' })).toBeVisible();
  await expect(page.locator('[data-print]')).toBeHidden();
  await expect(page.locator('[data-share-url]')).toBeHidden();
  await context.close();
});
