import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { pageTypes } from '#src/features/site/page-types.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { isLang, languages, useTranslations } from '#src/i18n/index.ts';

// Every page type, in both languages: it answers, declares its language, switches language to the same page, loads
// with no console error (a CSP violation shows up as one) and has no WCAG 2.2 AA violation that axe can find.
for (const pageType of pageTypes) {
  for (const lang of languages) {
    const path = pageType.paths[lang];
    test.describe(`${pageType.id} (${lang}) ${path}`, () => {
      test('answers, declares its language and has no axe violation', async ({ page }) => {
        const consoleErrors: string[] = [];
        page.on('console', (message) => {
          // The not-found page's own 404 status is logged by Chromium as a failed load: that one is expected.
          const ownStatus = pageType.id === 'not-found' && message.text().includes('status of 404');
          if (message.type() === 'error' && !ownStatus) consoleErrors.push(message.text());
        });
        const response = await page.goto(path);
        expect(response?.status()).toBe(pageType.id === 'not-found' ? 404 : 200);
        const htmlLang = await page.locator('html').getAttribute('lang');
        // The 404 page speaks both languages and starts in Vietnamese.
        expect(htmlLang).toBe(pageType.id === 'not-found' ? 'vi' : lang);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
          .analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
        expect(consoleErrors).toEqual([]);
        // Every page leads back to a request (header and footer) and has the quick exit; embeds are parts of other
        // sites' pages and have neither.
        if (pageType.embed !== true) {
          const pageLang = isLang(htmlLang) ? htmlLang : lang;
          const t = useTranslations(pageLang);
          const track = localizedPath('track', pageLang);
          await expect(
            page.getByRole('banner').getByRole('link', { name: t('nav.track'), exact: true }),
          ).toHaveAttribute('href', track);
          await expect(
            page.getByRole('contentinfo').getByRole('link', { name: t('nav.track'), exact: true }),
          ).toHaveAttribute('href', track);
          await expect(page.getByRole('link', { name: t('quickExit.label'), exact: true })).toBeVisible();
        }
      });

      // Embeds have no site header: the language is the snippet's choice (widgets.spec.ts checks both).
      if (pageType.id !== 'not-found' && pageType.embed !== true) {
        test('its language switch leads to the same page in the other language', async ({ page }) => {
          await page.goto(path);
          const other = lang === 'vi' ? 'en' : 'vi';
          await page.locator(`.lang-switch a[hreflang="${other}"]`).click();
          await expect(page).toHaveURL(
            (url) => decodeURI(url.pathname).replace(/\/$/, '') === pageType.paths[other].replace(/\/$/, ''),
          );
          await expect(page.locator('html')).toHaveAttribute('lang', other);
        });
      }
    });
  }
}

test('the page works at 320 px wide without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const pageType of pageTypes) {
    await page.goto(pageType.paths.vi);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, pageType.id).toBeLessThanOrEqual(0);
  }
});

test('the skip link is the first thing a keyboard reaches and moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('the header offers the help loop (find, ask, track) and the emergency line; the home page leads to tracking', async ({
  page,
}) => {
  for (const lang of languages) {
    const t = useTranslations(lang);
    await page.goto(localizedPath('home', lang));
    const nav = page.getByRole('navigation').first();
    for (const [key, route] of [
      ['nav.findHelp', 'findHelp'],
      ['nav.askForHelp', 'askForHelp'],
      ['nav.track', 'track'],
    ] as const) {
      await expect(nav.getByRole('link', { name: t(key), exact: true })).toHaveAttribute(
        'href',
        localizedPath(route, lang),
      );
    }
    await expect(page.locator('.emergency a[href="tel:115"]')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: t('nav.track'), exact: true })).toHaveAttribute(
      'href',
      localizedPath('track', lang),
    );
  }
});

test('the quick exit is a plain link on a content page (the page stays in history) and drops the locator from history', async ({
  page,
}) => {
  const t = useTranslations('vi');
  await page.route('https://www.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title>' }),
  );
  // A content page ships no script: the link is followed as any link, and Back returns to the page.
  await page.goto(localizedPath('home', 'vi'));
  await page.goto(localizedPath('privacy', 'vi'));
  await page.getByRole('link', { name: t('quickExit.label'), exact: true }).click();
  await expect(page).toHaveURL(/^https:\/\/www\.google\.com\/search\?q=/);
  await page.goBack();
  expect(new URL(page.url()).pathname).toBe(localizedPath('privacy', 'vi'));
  // The locator has islands: the runtime makes the link replace the history entry, and Back skips the locator.
  await page.goto(localizedPath('findHelp', 'vi'));
  await page.getByRole('link', { name: t('quickExit.label'), exact: true }).click();
  await expect(page).toHaveURL(/^https:\/\/www\.google\.com\/search\?q=/);
  await page.goBack();
  expect(new URL(page.url()).pathname).toBe(localizedPath('privacy', 'vi'));
});
