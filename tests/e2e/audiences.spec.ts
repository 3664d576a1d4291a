import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { audiences } from '#src/features/lists/index.ts';
import { languages, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { audiencePath } from '#src/features/content/audience-pages.ts';

// Each audience has a landing page in both languages that lists at least four articles (issue 7: "at least four
// original pieces" per audience), and every published article is linked from the landing page of each audience it names.

const articlesDir = fileURLToPath(new URL('../../content/articles/', import.meta.url));

/** The URL of every published article in one language, from the content folder (file name = URL segment). */
function publishedArticles(lang: Lang): string[] {
  return readdirSync(`${articlesDir}${lang}`)
    .filter((file) => file.endsWith('.md'))
    .filter((file) => !/^draft:\s*true\s*$/m.test(readFileSync(`${articlesDir}${lang}/${file}`, 'utf8')))
    .map((file) => localizedPath('article', lang, { slug: file.replace(/\.md$/, '') }));
}

/** The href of every link inside the first element matched by an opening-tag pattern, up to its closing tag. */
function linksIn(html: string, opening: RegExp, closing: string): string[] {
  const start = html.search(opening);
  if (start < 0) return [];
  const end = html.indexOf(closing, start);
  const part = html.slice(start, end < 0 ? undefined : end);
  return [...part.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)].map((match) => decodeURIComponent(match[1] ?? ''));
}

async function htmlOf(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

/** The article links of an audience page's article list. */
async function listedArticles(request: APIRequestContext, path: string): Promise<string[]> {
  return linksIn(await htmlOf(request, path), /<section[^>]*aria-labelledby="articles-title"/, '</section>');
}

for (const lang of languages) {
  for (const code of audiences.codes) {
    test(`the ${code} page (${lang}) lists at least four articles in its language`, async ({ request }) => {
      const links = await listedArticles(request, audiencePath(code, lang));
      const articlePrefix = localizedPath('article', lang, { slug: 'x' }).replace(/x$/, '');
      const articles = links.filter((href) => href.startsWith(articlePrefix));
      expect(new Set(articles).size).toBeGreaterThanOrEqual(4);
    });
  }

  test(`every article (${lang}) links its audiences, and each audience page links back to it`, async ({ request }) => {
    const articles = publishedArticles(lang);
    expect(articles.length).toBeGreaterThan(0);
    const audiencePrefix = localizedPath('audience', lang, { audience: 'x' }).replace(/x$/, '');
    const listedOn = new Map<string, string[]>();
    for (const article of articles) {
      const header = linksIn(await htmlOf(request, article), /<header class="entry-header"/, '</header>');
      const audienceLinks = header.filter((href) => href.startsWith(audiencePrefix));
      expect(audienceLinks, `${article} links its audiences`).not.toEqual([]);
      for (const audienceLink of audienceLinks) {
        if (!listedOn.has(audienceLink)) listedOn.set(audienceLink, await listedArticles(request, audienceLink));
        expect(listedOn.get(audienceLink), `${audienceLink} lists ${article}`).toContain(article);
      }
    }
  });
}

test('the home page links the six audience pages in each language', async ({ page }) => {
  for (const lang of languages) {
    await page.goto(localizedPath('home', lang));
    for (const code of audiences.codes) {
      await expect(page.getByRole('link', { name: audiences.label(code, lang), exact: true })).toHaveAttribute(
        'href',
        audiencePath(code, lang),
      );
    }
  }
});
