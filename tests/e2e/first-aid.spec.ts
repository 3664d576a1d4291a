import { expect, test } from '@playwright/test';
import { localizedPath } from '#src/features/site/routes.ts';
import { languages, useTranslations } from '#src/i18n/index.ts';

// The overdose and poisoning first-aid card, as a family uses it: printed on one A4 sheet holding the card alone, with
// the recovery-position drawing and 115 on it; shared as an image; found from the home page and the family crisis kit.

/** Width and height from a PNG's IHDR chunk, which always comes first after the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

for (const lang of languages) {
  const t = useTranslations(lang);
  const path = localizedPath('firstAid', lang);

  test.describe(`first-aid card (${lang})`, () => {
    test('prints as one A4 page holding only the card, with the drawing and 115 visible', async ({ page }) => {
      await page.goto(path);
      await page.emulateMedia({ media: 'print' });
      const card = page.locator('.first-aid__card');
      await expect(card).toBeVisible();
      await expect(card.getByRole('img', { name: t('firstAid.drawing.title') })).toBeVisible();
      await expect(card.getByRole('heading', { name: t('firstAid.call.title') })).toBeVisible();
      await expect(card.getByText(/115/).first()).toBeVisible();
      // Nothing but the card: no header, emergency notice, links, sources or footer.
      await expect(page.locator('.site-header')).toBeHidden();
      await expect(page.getByRole('link', { name: t('firstAid.share') })).toBeHidden();
      await expect(page.getByRole('heading', { name: t('sources.title') })).toBeHidden();
      // The drawing keeps a readable size on paper.
      const box = await card.getByRole('img', { name: t('firstAid.drawing.title') }).boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
      expect(pages).toHaveLength(1);
      // A4 in PostScript points (595.28 × 841.89), as Chromium writes it.
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/);
    });

    test('on screen shows the card, the way to print it, the image to send and its sources', async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: t('firstAid.title') })).toBeVisible();
      await expect(page.getByText(t('firstAid.print'))).toBeVisible();
      await expect(page.getByRole('heading', { name: t('sources.title') })).toBeVisible();
      const image = page.getByRole('link', { name: t('firstAid.share') });
      const href = (await image.getAttribute('href')) ?? '';
      expect(href).toBe(localizedPath('firstAidCard', lang));
      const response = await page.request.get(href);
      expect(response.headers()['content-type']).toBe('image/png');
      expect(pngSize(await response.body())).toEqual({ width: 1080, height: 1350 });
    });

    test('is reachable from the home page and from the family crisis kit', async ({ page }) => {
      await page.goto(localizedPath('home', lang));
      await page.getByRole('link', { name: t('home.emergency.firstAid') }).click();
      await expect(page).toHaveURL(new RegExp(`${path}/?$`));
      await page.getByRole('link', { name: t('firstAid.kit') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('firstAid.kit'));
      await expect(page.locator(`main a[href="${path}"]`).first()).toBeVisible();
    });
  });
}
