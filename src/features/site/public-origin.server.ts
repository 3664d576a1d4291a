/**
 * The portal's public origin for the page being rendered: what canonical links, hreflang, Open Graph tags, share links
 * and posters name.
 *
 * - A page rendered on demand names `SITE_URL`, read when the server runs (or, without it, the address it was reached
 *   at: a demo on a laptop).
 * - A page prerendered at build names `site` from astro.config.mjs. The build does not know the public address, so that
 *   is a placeholder origin our server replaces by `SITE_URL` when it serves the file (docs/decisions: run-time
 *   address).
 * - `astro dev` renders everything on demand and rewrites nothing: it names the address it was reached at.
 */
import { loadEnv } from '#src/env.server.ts';

/** What Astro gives a page or an endpoint (`Astro`, or an API context). */
export interface RenderContext {
  readonly site: URL | undefined;
  readonly url: URL;
  readonly isPrerendered: boolean;
}

let configured: { value: string | undefined } | undefined;

/** SITE_URL as the running server read it (undefined when unset). */
function configuredOrigin(): string | undefined {
  configured ??= { value: loadEnv().siteUrl };
  return configured.value;
}

/** The public origin (`https://host[:port]`, no trailing slash) for this render. */
export function publicOrigin(context: RenderContext): string {
  if (context.isPrerendered && !import.meta.env.DEV) return (context.site ?? context.url).origin;
  return configuredOrigin() ?? context.url.origin;
}

/** The absolute public address of a path of the portal. */
export function publicUrl(context: RenderContext, path: string): string {
  return new URL(path, `${publicOrigin(context)}/`).href;
}
