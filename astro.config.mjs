// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import routeManifest from './src/integrations/route-manifest.mjs';
import sitemap from '@astrojs/sitemap';
import { isPublicPage, withLanguageLinks } from './src/features/site/sitemap.ts';

// The public origin, used for canonical links and the sitemap. Production sets SITE_URL.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  // Content pages are prerendered; on-demand routes opt out with `export const prerender = false`.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    routeManifest(),
    // /sitemap-index.xml: public pages only, each with its other-language page (hreflang). Prerendered pages are read
    // from the client build folder once they are written.
    sitemap({
      filter: isPublicPage,
      serialize: (item) => withLanguageLinks(item, new URL('./dist/client/', import.meta.url)),
    }),
  ],
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // Pages are linked explicitly per language; no prefetch script on content pages.
  prefetch: false,
  security: {
    // Astro hashes every inline script and style it emits (island hydration), so script-src needs no 'unsafe-inline'.
    // Directives that must be HTTP headers (frame-ancestors) are added by our server: see src/server/security-headers.ts.
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  devToolbar: { enabled: false },
  // No code blocks on this site; Shiki's inline styles would also break the CSP.
  markdown: { syntaxHighlight: false },
});
