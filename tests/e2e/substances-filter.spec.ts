import { expect, test, type Page } from '@playwright/test';
import { loadContent } from '#src/features/content/lint/load.ts';
import { repoRoot } from '../setup/portal-process.ts';

// The drugs A–Z filter, as a reader meets it: typed without accents, in both languages, with JavaScript on (the list
// narrows as you type, without leaving the page) and off (the form's GET is answered by the server's search page).
// Entries are named by their titles as the content gives them (writers retitle pages; the filter must follow).
const content = loadContent({ projectRoot: repoRoot, sharedDir: null });
const titleOf = (lang: 'vi' | 'en', key: string): string => {
  const entry = content.entries.find(
    (e) => e.collection === 'substances' && e.lang === lang && e.frontmatter['translationKey'] === key,
  );
  if (typeof entry?.frontmatter['title'] !== 'string')
    throw new Error(`No ${lang} substance with translationKey ${key}`);
  return entry.frontmatter['title'];
};
const cases = {
  vi: {
    index: '/ma-tuy-a-z',
    searchPath: '/ma-tuy-a-z/tim-kiem',
    box: 'Tìm theo tên',
    submit: 'Tìm',
    query: 'bong cuoi',
    found: titleOf('vi', 'nitrous-oxide'),
    other: titleOf('vi', 'cannabis'),
    count: '1 chất khớp với',
    streetQuery: 'hang da',
    streetFound: titleOf('vi', 'methamphetamine'),
    none: 'Không tìm thấy chất nào khớp với',
    browse: 'xem toàn bộ danh sách từ A đến Z',
  },
  en: {
    index: '/en/drugs-a-z',
    searchPath: '/en/drugs-a-z/search',
    box: 'Search by name',
    submit: 'Search',
    query: 'bong cuoi',
    found: titleOf('en', 'nitrous-oxide'),
    other: titleOf('en', 'cannabis'),
    count: '1 substance matches',
    streetQuery: 'ma tuy da',
    streetFound: titleOf('en', 'methamphetamine'),
    none: 'No substance matches',
    browse: 'browse the whole list from A to Z',
  },
} as const;

const entryLink = (page: Page, name: string) => page.getByRole('link', { name, exact: true });

for (const [lang, c] of Object.entries(cases)) {
  test.describe(`drugs A–Z filter (${lang}) with JavaScript on`, () => {
    test('narrows the list as the reader types, without leaving the page', async ({ page }) => {
      await page.goto(c.index);
      await expect(entryLink(page, c.other)).toBeVisible();
      await page.getByLabel(c.box).fill(c.query);
      await expect(entryLink(page, c.found)).toBeVisible();
      await expect(entryLink(page, c.other)).toBeHidden();
      await expect(page.getByRole('status')).toHaveText(`${c.count} “${c.query}”`);
      await page.getByRole('button', { name: c.submit, exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === c.index);
      await expect(entryLink(page, c.found)).toBeVisible();
    });

    test('finds an entry by a street name typed without accents', async ({ page }) => {
      await page.goto(c.index);
      await page.getByLabel(c.box).fill(c.streetQuery);
      await expect(entryLink(page, c.streetFound)).toBeVisible();
    });

    test('says when nothing matches and offers the whole list again', async ({ page }) => {
      await page.goto(c.index);
      await page.getByLabel(c.box).fill('xyz qwv');
      await expect(page.getByRole('heading', { name: `${c.none} “xyz qwv”` })).toBeVisible();
      await expect(entryLink(page, c.other)).toBeHidden();
      await page.getByRole('link', { name: c.browse }).click();
      await expect(page.getByLabel(c.box)).toHaveValue('');
      await expect(entryLink(page, c.other)).toBeVisible();
      await expect(page.getByRole('heading', { name: new RegExp(c.none) })).toBeHidden();
    });
  });

  test.describe(`drugs A–Z filter (${lang}) with JavaScript off`, () => {
    test.use({ javaScriptEnabled: false });

    test('the form is answered by the server with the matching entries', async ({ page }) => {
      await page.goto(c.index);
      await page.getByLabel(c.box).fill(c.query);
      await page.getByRole('button', { name: c.submit, exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === c.searchPath && url.searchParams.get('q') === c.query);
      await expect(entryLink(page, c.found)).toBeVisible();
      await expect(entryLink(page, c.other)).toBeHidden();
      await expect(page.getByRole('status')).toHaveText(`${c.count} “${c.query}”`);
      await expect(page.getByLabel(c.box)).toHaveValue(c.query);
    });

    test('a query that matches nothing gets a clear answer and a way back to the whole list', async ({ page }) => {
      await page.goto(`${c.searchPath}?q=${encodeURIComponent('xyz qwv')}`);
      await expect(page.getByRole('heading', { name: `${c.none} “xyz qwv”` })).toBeVisible();
      await expect(entryLink(page, c.other)).toBeHidden();
      await page.getByRole('link', { name: c.browse }).click();
      await expect(page).toHaveURL((url) => url.pathname === c.index);
      await expect(entryLink(page, c.other)).toBeVisible();
    });

    test('the list is grouped by letter, with a link to each letter', async ({ page }) => {
      await page.goto(c.index);
      const letters = page.getByRole('navigation', { name: lang === 'vi' ? 'Chọn theo chữ cái' : 'Jump to a letter' });
      await letters.getByRole('link', { name: 'C', exact: true }).click();
      await expect(page).toHaveURL((url) => url.hash === '#chu-c');
      await expect(page.getByRole('heading', { name: 'C', exact: true, level: 2 })).toBeVisible();
    });
  });
}
