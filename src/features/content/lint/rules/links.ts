import { otherLang } from '#src/i18n/index.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { listProvinces } from '#src/features/admin-units/index.ts';
import { routes, type RouteId } from '#src/features/site/routes.ts';
import type { ContentLang, ContentTree, LintEntry, Problem } from '../types.ts';

/** The collection whose entries a dynamic route shows (its `[slug]` is the entry's file name). */
const ENTRY_ROUTES: Partial<Record<RouteId, string>> = {
  article: 'articles',
  substance: 'substances',
  guide: 'guides',
  campaign: 'campaigns',
};

/**
 * Paths served outside the route table: files and generated data. A link may go to one of these or below one of the
 * prefixes; anything else must be a route of `src/features/site/routes.ts`.
 */
const EXTRA_PATHS = new Set(['/widget.js', '/favicon.svg', '/open-data/directory.csv', '/tim-ho-tro/goi-y.json']);
const EXTRA_PREFIXES = ['/open-data/hsds/', '/embed/'];

/** A link found in an entry: its target as written and the line it is on. */
interface FoundLink {
  target: string;
  line: number;
}

// [text](/path "title") and <a href="/path">; images too (their targets must resolve as well).
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g;
const HTML_HREF = /\bhref\s*=\s*["']([^"']+)["']/g;

/** Links inside the site (Markdown links, HTML hrefs and frontmatter paths) must lead to a real page. */
export function checkLinks(tree: ContentTree): Problem[] {
  const resolver = makeResolver(tree);
  return tree.entries.flatMap((entry) =>
    findLinks(entry).flatMap(({ target, line }) => {
      const problem = resolver(target);
      return problem ? [{ rule: 'links' as const, file: entry.file, line, message: problem }] : [];
    }),
  );
}

function findLinks(entry: LintEntry): FoundLink[] {
  const links: FoundLink[] = [];
  entry.lines.forEach((text, index) => {
    const line = index + 1;
    if (line >= entry.bodyStartLine) {
      for (const match of text.matchAll(MARKDOWN_LINK)) links.push({ target: match[1] ?? '', line });
      for (const match of text.matchAll(HTML_HREF)) links.push({ target: match[1] ?? '', line });
    } else {
      // A frontmatter value that is a site path, e.g. `link: /tim-ho-tro` or `- /huong-dan/…` in a list.
      const value = /^\s*(?:-\s+)?(?:[\w-]+:\s+)?["']?(\/[^\s"'#]*(?:[?#][^\s"']*)?)["']?\s*$/.exec(text);
      if (value?.[1] && !value[1].startsWith('//')) links.push({ target: value[1], line });
    }
  });
  return links.filter(({ target }) => target.startsWith('/') && !target.startsWith('//'));
}

/** Builds a function that returns why a site path does not resolve, or `undefined` when it does. */
function makeResolver(tree: ContentTree): (target: string) => string | undefined {
  const slugs = new Map<string, Set<string>>();
  const byKey = new Map<string, LintEntry>();
  for (const entry of tree.entries) {
    const set = slugs.get(`${entry.collection}/${entry.lang}`) ?? new Set<string>();
    set.add(entry.slug);
    slugs.set(`${entry.collection}/${entry.lang}`, set);
    byKey.set(`${entry.collection}/${entry.lang}/${entry.slug}`, entry);
  }
  const provinceCodes = new Set(listProvinces().map((province) => province.code));
  const patterns = (Object.entries(routes) as [RouteId, Record<ContentLang, string>][]).flatMap(([id, paths]) =>
    (['vi', 'en'] as const).map((lang) => ({ id, lang, path: paths[lang], regex: routeRegex(paths[lang]) })),
  );

  const resolvePath = (target: string): string | undefined => {
    const path = normalise(target);
    if (path === undefined) return `Link "${target}" is not a valid address.`;
    if (EXTRA_PATHS.has(path) || EXTRA_PREFIXES.some((prefix) => path.startsWith(prefix))) return undefined;
    // A file (a name with an extension): one in public/, or an asset generated under a page that exists (a share
    // image, a poster, a feed). The lint cannot see the build's output, so it checks the page the file belongs to.
    const file = /^(.*)\/[^/]+\.[a-z0-9]{2,5}$/i.exec(path);
    if (file) {
      if (existsSync(resolve(tree.projectRoot, 'public', `.${path}`))) return undefined;
      const parent = resolvePage(file[1] || '/');
      return parent === undefined
        ? undefined
        : `Link "${target}" does not lead to a file: it is not in public/ and ${file[1] || '/'} is not a page.`;
    }
    return resolvePage(path, target);
  };

  const resolvePage = (path: string, target = path): string | undefined => {
    for (const { id, lang, path: pattern, regex } of patterns) {
      const match = regex.exec(path);
      if (!match) continue;
      const param = match[1];
      if (param === undefined) return undefined;
      const collection = ENTRY_ROUTES[id];
      if (collection) {
        if (slugs.get(`${collection}/${lang}`)?.has(param)) return undefined;
        const other = otherLang(lang);
        const twin = byKey.get(`${collection}/${other}/${param}`);
        const key = twin?.frontmatter['translationKey'];
        const counterpart = tree.entries.find(
          (entry) => entry.collection === collection && entry.lang === lang && entry.frontmatter['translationKey'] === key,
        );
        const hint = counterpart
          ? ` "${param}" is the ${other} file name; the ${lang} page is ${pattern.replace(/\[\w+\]/, counterpart.slug)}.`
          : twin
            ? ` "${param}" is the ${other} file name, and it has no ${lang} version yet.`
            : ` No file ${tree.contentDir}/${collection}/${lang}/${param}.md exists.`;
        return `Link "${target}" does not lead to a page: ${pattern} needs the file name of an entry in ${tree.contentDir}/${collection}/${lang}/.${hint}`;
      }
      if (id === 'findHelpProvince') {
        return provinceCodes.has(param)
          ? undefined
          : `Link "${target}" does not lead to a page: "${param}" is not the two-digit code of a current province.`;
      }
      // Other dynamic routes (a support point by id) name database rows the lint cannot see.
      return undefined;
    }
    return `Link "${target}" does not lead to a page: no route in src/features/site/routes.ts has the path ${path}.`;
  };
  return resolvePath;
}

/** The path part of a link, decoded, without query, fragment or trailing slash; `undefined` when it cannot be decoded. */
function normalise(target: string): string | undefined {
  const path = target.replace(/[?#].*$/, '');
  try {
    const decoded = decodeURI(path).normalize('NFC');
    return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;
  } catch {
    return undefined;
  }
}

/** A route path such as `/huong-dan/[slug]` as an anchored regex capturing its parameter. */
function routeRegex(path: string): RegExp {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const source = trimmed
    .split(/(\[\w+\])/)
    .map((part) => (/^\[\w+\]$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
