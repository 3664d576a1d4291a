/**
 * The `route` label of the request metrics: the route pattern a path belongs to (`/tim-ho-tro/diem/[id]`), never the
 * path itself. A label value is kept by Prometheus for every series it names, so a raw path would put ids, receipt
 * look-ups or whatever a client typed into the address bar into the metrics store, and let any client create series
 * without end. Patterns come from a fixed list (the build's routes and the static folders below); a path that fits
 * none is counted as `other`.
 */

/** The label of every path that fits no known pattern (unknown pages, probes, typos). */
export const OTHER_ROUTE = 'other';

/**
 * Files the build writes beside the pages (not routes of Astro's): hashed assets, the search index, the sitemap, and
 * the files in public/. Written in the same pattern syntax as Astro's routes.
 */
export const STATIC_FILE_PATTERNS: readonly string[] = [
  '/_astro/[file]',
  '/pagefind/[...path]',
  '/sitemap-index.xml',
  '/sitemap-[n].xml',
  '/templates/[file]',
  '/widget.js',
];

/** Maps a request's path (no query) to its route pattern, or {@link OTHER_ROUTE}. */
export type RouteLabeler = (pathname: string) => string;

interface DynamicPattern {
  readonly pattern: string;
  readonly regex: RegExp;
  /** Fewer parameters and more fixed text first: `/chien-dich/[slug].png` before `/chien-dich/[slug]`. */
  readonly params: number;
  readonly fixed: number;
}

/**
 * A labeler over route patterns in Astro's syntax: `[name]` is one path segment (or part of one), `[...name]` any rest
 * of the path. Trailing slashes do not matter (the site is served with `trailingSlash: 'ignore'`).
 */
export function createRouteLabeler(patterns: readonly string[]): RouteLabeler {
  const exact = new Map<string, string>();
  const dynamic: DynamicPattern[] = [];
  for (const pattern of new Set(patterns)) {
    if (!pattern.includes('[')) {
      exact.set(withoutTrailingSlash(pattern), pattern);
      continue;
    }
    const parts = pattern.split(/(\[(?:\.\.\.)?\w+\])/).filter((part) => part !== '');
    const source = parts
      .map((part) => (part.startsWith('[...') ? '.*' : part.startsWith('[') ? '[^/]+' : escapeRegExp(part)))
      .join('');
    dynamic.push({
      pattern,
      regex: new RegExp(`^${source}/?$`),
      params: parts.filter((part) => part.startsWith('[')).length,
      fixed: parts.filter((part) => !part.startsWith('[')).join('').length,
    });
  }
  // A rest parameter matches the most, so it is tried last among equals.
  const rank = (entry: DynamicPattern) => (entry.pattern.includes('[...') ? 1 : 0);
  dynamic.sort((a, b) => rank(a) - rank(b) || a.params - b.params || b.fixed - a.fixed);

  return (pathname) => {
    const path = decodedOrRaw(withoutTrailingSlash(pathname));
    const known = exact.get(path);
    if (known !== undefined) return known;
    for (const entry of dynamic) if (entry.regex.test(path)) return entry.pattern;
    return OTHER_ROUTE;
  };
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** A client may percent-encode plain letters (`/tim%2Dho-tro`); both spellings get the same label. */
function decodedOrRaw(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
