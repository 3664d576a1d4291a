import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Site search: Pagefind in the browser (per language, accents optional), the server's answer without JavaScript,
// Pagefind loaded on the search page only, and no CSP violation on the way.
const cases = [
  {
    lang: 'vi',
    path: '/tim-kiem',
    label: 'Tìm trong trang',
    query: 'ma tuy',
    entry: '/ma-tuy-a-z/ma-tuy-da-methamphetamine',
  },
  {
    lang: 'en',
    path: '/en/search',
    label: 'Search this site',
    query: 'methamphetamine',
    entry: '/en/drugs-a-z/crystal-methamphetamine',
  },
] as const;

for (const { lang, path, label, query, entry } of cases) {
  test(`typing "${query}" (${lang}) lists the A–Z entry from Pagefind, with no console error`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const pagefindFiles: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/pagefind/'))
        pagefindFiles.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(path);
    await page.getByLabel(label).fill(query);
    const results = page.locator('[data-search-results][data-source="pagefind"]');
    await expect(results.locator(`a[href^="${entry}"]`)).toBeVisible();
    await expect(page.getByRole('status')).not.toBeEmpty();
    // The index of the page's own language only.
    expect(pagefindFiles.filter((file) => file.includes('.pf_index')).length).toBeGreaterThan(0);
    expect(pagefindFiles.every((file) => file.startsWith('200 '))).toBe(true);
    expect(await results.locator(`a[href^="${lang === 'vi' ? '/en/' : '/ma-tuy-a-z'}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test(`without JavaScript (${lang}), the form is answered by the server`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(path);
    await page.getByLabel(label).fill(query);
    await page.getByRole('button', { name: lang === 'vi' ? 'Tìm' : 'Search', exact: true }).click();
    await expect(page).toHaveURL(/\?q=/);
    const results = page.locator('[data-search-results][data-source="server"]');
    await expect(results.locator(`a[href="${entry}"]`)).toBeVisible();
    await expect(
      page.getByRole('link', { name: lang === 'vi' ? 'Các chất ma túy từ A đến Z' : 'Drugs A–Z' }),
    ).toBeVisible();
    await context.close();
  });
}

test('the results page has no axe violation', async ({ page }) => {
  await page.goto('/tim-kiem?q=ma+tuy');
  await expect(page.locator('[data-search-results] li').first()).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a search that finds nothing says so and offers the A–Z', async ({ page }) => {
  await page.goto('/en/search?q=zzzxqy');
  await expect(page.getByRole('status')).toContainText('No page found for “zzzxqy”');
  await expect(page.getByRole('link', { name: 'Drugs A–Z' })).toBeVisible();
});

test('other pages never load Pagefind', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/pagefind/')) loaded.push(request.url());
  });
  for (const path of ['/', '/ma-tuy-a-z', '/en/campaigns/asking-is-brave']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(loaded).toEqual([]);
});

test("Pagefind's worker may compile WebAssembly, and only its files get that policy", async ({ request }) => {
  const worker = await request.get('/pagefind/pagefind-worker.js');
  expect(worker.status()).toBe(200);
  expect(worker.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
  const home = await request.get('/');
  expect(home.headers()['content-security-policy']).not.toContain('wasm');
});

// Issue 19, item 7: the language switch dropped the search query.
test('the language switch keeps the query, on the site search and the locator', async ({ page }) => {
  await page.goto('/tim-kiem?q=heroin');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/search\?q=heroin$/);
  await page.goto('/tim-ho-tro?q=Ba+B%E1%BB%83');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/find-help\?q=Ba\+B%E1%BB%83$/);
});
