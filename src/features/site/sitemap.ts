import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routes } from './routes.ts';

/**
 * Options for @astrojs/sitemap (wired in astro.config.mjs). Only public pages are listed, and each page names its
 * counterpart in the other language (hreflang). The integration's own i18n option pairs pages only when the two paths
 * differ by the `/en` prefix alone; ours are translated (`/ma-tuy-a-z` ↔ `/en/drugs-a-z`), so the pairs are read from
 * what each built page declares itself (`<link rel="alternate" hreflang>`), or from the route table for pages rendered
 * on demand.
 */

/** Pages that are not for search engines: personal answers, staff, search results, machine endpoints, embeds. */
const PRIVATE_PREFIXES = [
  routes.track.vi,
  routes.track.en,
  routes.console.vi,
  routes.console.en,
  routes.search.vi,
  routes.search.en,
  routes.substancesSearch.vi,
  routes.substancesSearch.en,
  '/api/',
  '/embed/',
  '/healthz',
  '/readyz',
];

function isUnder(pathname: string, prefix: string): boolean {
  const bare = pathname.replace(/\/$/, '') || '/';
  return bare === prefix || bare.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** True for an address the sitemap may list. */
export function isPublicPage(url: string): boolean {
  const { pathname } = new URL(url);
  return !PRIVATE_PREFIXES.some((prefix) => isUnder(pathname, prefix));
}

/** The same address as the sitemap writes it: directory-style pages end with a slash. */
function asListed(url: URL): string {
  const copy = new URL(url);
  if (!copy.pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(copy.pathname)) copy.pathname += '/';
  return copy.href;
}

/** What a built page says about itself: its language and the address of the same page in the other language. */
function declaredAlternate(
  clientDir: string,
  pathname: string,
): { lang: string; other: { lang: string; href: string } } | undefined {
  const file = join(clientDir, decodeURIComponent(pathname), 'index.html');
  if (!existsSync(file)) return undefined;
  const html = readFileSync(file, 'utf8');
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1];
  // The page lists itself, its other language and x-default; the other language is the pair.
  const other = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].find(
    ([, hreflang]) => hreflang !== lang && hreflang !== 'x-default',
  );
  if (!lang || !other?.[1] || !other[2]) return undefined;
  return { lang, other: { lang: other[1], href: other[2] } };
}

/** The other language of an on-demand page with a fixed path (the locator, the intake form…), from the route table. */
function routedAlternate(pathname: string): { lang: string; other: { lang: string; href: string } } | undefined {
  const bare = pathname.replace(/\/$/, '') || '/';
  for (const route of Object.values(routes)) {
    if (route.vi.includes('[')) continue;
    if (route.vi === bare) return { lang: 'vi', other: { lang: 'en', href: route.en } };
    if (route.en.replace(/\/$/, '') === bare) return { lang: 'en', other: { lang: 'vi', href: route.vi } };
  }
  return undefined;
}

interface SitemapItem {
  url: string;
  links?: { url: string; lang: string }[] | undefined;
}

/** Adds the hreflang pair to one sitemap item, from the built client folder (`dist/client`). */
export function withLanguageLinks<T extends SitemapItem>(
  item: T,
  clientDir: string | URL,
): T & Pick<SitemapItem, 'links'> {
  const dir = typeof clientDir === 'string' ? clientDir : fileURLToPath(clientDir);
  const url = new URL(item.url);
  const found = declaredAlternate(dir, url.pathname) ?? routedAlternate(url.pathname);
  if (!found) return { ...item, links: undefined };
  const otherUrl = new URL(found.other.href, url);
  // An entry whose translation is still a draft points to the other language's home page: that is no translation.
  const otherIsHome = otherUrl.pathname === routes.home.vi || otherUrl.pathname.replace(/\/$/, '') === '/en';
  const selfIsHome = url.pathname === routes.home.vi || url.pathname.replace(/\/$/, '') === '/en';
  if (otherIsHome && !selfIsHome) return { ...item, links: undefined };
  const pair = [
    { lang: found.lang, url: asListed(url) },
    { lang: found.other.lang, url: asListed(otherUrl) },
  ];
  // Readers of neither language get the Vietnamese page (as each page's own x-default link says).
  const vietnamese = pair.find((link) => link.lang === 'vi');
  return { ...item, links: vietnamese ? [...pair, { lang: 'x-default', url: vietnamese.url }] : pair };
}
