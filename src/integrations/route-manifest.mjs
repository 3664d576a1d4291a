// @ts-check
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Writes Astro's own list of routes to `dist/routes.json` at build: `{ pattern, entrypoint, prerendered, type }` for
 * every page and endpoint. Tests read it instead of a hand-written list (the console's security test checks every
 * console route it finds there, so a new route without a check fails it).
 * @returns {import('astro').AstroIntegration}
 */
export default function routeManifest() {
  /** @type {Array<{ pattern: string; entrypoint: string; prerendered: boolean; type: string }>} */
  let routes = [];
  return {
    name: 'hotro:route-manifest',
    hooks: {
      'astro:routes:resolved': ({ routes: resolved }) => {
        routes = resolved
          .filter((route) => route.origin === 'project')
          .map((route) => ({
            pattern: route.pattern,
            entrypoint: route.entrypoint,
            prerendered: route.isPrerendered,
            type: route.type,
          }))
          .sort((a, b) => a.pattern.localeCompare(b.pattern));
      },
      'astro:build:done': ({ dir }) => {
        // `dir` is dist/client/ with the node adapter; the manifest goes beside it, in dist/.
        const dist = new URL('../', dir);
        mkdirSync(fileURLToPath(dist), { recursive: true });
        writeFileSync(fileURLToPath(new URL('routes.json', dist)), `${JSON.stringify(routes, null, 2)}\n`);
      },
    },
  };
}
