import { routes } from './routes.ts';

/**
 * `/robots.txt`: crawlers stay out of the staff console and the APIs (the pages that must not be indexed also say
 * `noindex` themselves), and are told where the sitemap is. The sitemap's address must be absolute.
 */
export function robotsTxt(sitemapUrl: string): string {
  return [
    'User-agent: *',
    `Disallow: ${routes.console.vi}`,
    `Disallow: ${routes.console.en}`,
    'Disallow: /api/',
    '',
    `Sitemap: ${sitemapUrl}`,
    '',
  ].join('\n');
}
