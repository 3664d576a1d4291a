/**
 * The origin the build writes into prerendered files (astro.config.mjs `site`) wherever a page, the sitemap, a feed or
 * robots.txt needs an absolute address. The build does not know the public address: that is run-time configuration
 * (`SITE_URL`), so our server replaces this placeholder when it serves those files (src/server/public-origin-rewrite.ts;
 * docs/decisions/013-run-time-public-address.md). A reserved `.invalid` name: it can never reach a real site, and a
 * file served without the rewrite shows at once what went wrong.
 */
export const BUILD_ORIGIN = 'https://public-origin.invalid';
