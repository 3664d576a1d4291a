// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import routeManifest from './src/integrations/route-manifest.mjs';
import sitemap from '@astrojs/sitemap';
import { isPublicPage, withLanguageLinks } from './src/features/site/sitemap.ts';
import { BUILD_ORIGIN } from './src/features/site/build-origin.ts';
import { fileURLToPath } from 'node:url';

// The public address is run-time configuration (SITE_URL, read by the server): the build writes a placeholder origin
// into prerendered files, which our server replaces when it serves them (docs/decisions/013-run-time-public-address.md).
const site = BUILD_ORIGIN;

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
    // Astro's own check compares Origin with a request URL it builds from the socket: behind a TLS proxy that is
    // http://…, so every form POST would be refused. Ours (src/features/site/origin-check.server.ts, run from
    // src/middleware.ts) checks against SITE_URL and the proxy's scheme at run time (ADR 013).
    checkOrigin: false,
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
  vite: {
    plugins: [
      {
        // The server build's entry is src/server/entry.ts (the adapter's handler and the portal's start, `boot`), not
        // the adapter's own entry: `npm start` then loads the bundle only, and every module exists once per process.
        // The adapter resolves its entry automatically (`entrypointResolution: 'auto'`), which lets the build's input
        // name another module; this one re-exports the adapter's handler (src/server/entry.ts).
        name: 'portal-server-entry',
        enforce: 'post',
        configEnvironment(name) {
          if (name !== 'ssr') return undefined;
          const entry = fileURLToPath(new URL('./src/server/entry.ts', import.meta.url));
          return { build: { rolldownOptions: { input: { index: entry } } } };
        },
      },
    ],
  },
  // No code blocks on this site; Shiki's inline styles would also break the CSP.
  markdown: { syntaxHighlight: false },
});
