import rss from '@astrojs/rss';
import { localeOf, useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { localizedEntries } from '#src/features/content/entries.ts';
import { BUILD_ORIGIN } from '#src/features/site/build-origin.ts';

/** How many articles one feed lists: readers want what is new, not the archive. */
export const FEED_SIZE = 50;

/**
 * The RSS feed of published articles in one language, newest first (`/rss.xml`, `/en/rss.xml`). Each item links to
 * the article and carries its one-line description; no tracking parameters, no full text.
 */
export async function articlesFeed(lang: Lang, site: URL | undefined): Promise<Response> {
  const t = useTranslations(lang);
  // Prerendered: the build's placeholder origin, which the server replaces by SITE_URL as it serves the feed.
  const base = site ?? new URL(BUILD_ORIGIN);
  const articles = (await localizedEntries('articles', lang))
    .sort((a, b) => b.entry.data.publishedOn.getTime() - a.entry.data.publishedOn.getTime())
    .slice(0, FEED_SIZE);
  return rss({
    title: t('rss.title'),
    description: t('rss.description'),
    site: new URL(localizedPath('home', lang), base).href,
    trailingSlash: false,
    customData: `<language>${localeOf(lang)}</language>`,
    items: articles.map(({ entry, slug }) => ({
      title: entry.data.title,
      description: entry.data.description,
      link: new URL(localizedPath('article', lang, { slug }), base).href,
      pubDate: entry.data.publishedOn,
    })),
  });
}
