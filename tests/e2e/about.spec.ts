import { expect, test } from '@playwright/test';

// Issue 19, item 7: the site named no operator, no contact and no "about"; help lines must come from configuration
// (playwright.config.ts sets OPERATOR_* and HELPLINES) and never be C04's reporting line.

for (const [lang, path, title, footer] of [
  ['vi', '/', 'Giới thiệu và liên hệ', 'Giới thiệu và liên hệ'],
  ['en', '/en/', 'About and contact', 'About and contact'],
] as const) {
  test(`(${lang}) the footer leads to "about and contact", which names the configured operator and help lines`, async ({
    page,
  }) => {
    await page.goto(path);
    await page.getByRole('contentinfo').getByRole('link', { name: footer }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('[data-operator]')).toContainText('Đơn vị vận hành thử nghiệm');
    await expect(page.locator('[data-operator]')).toContainText('Số 1, phường Ba Đình, Hà Nội');
    await expect(page.getByRole('link', { name: 'lienhe@example.invalid' })).toHaveAttribute(
      'href',
      'mailto:lienhe@example.invalid',
    );
    await expect(page.locator('[data-helplines] a[href="tel:111"]')).toHaveText('111');
    await expect(page.locator('a[href^="tel:0769"]')).toHaveCount(0);
  });
}
