import { getCollection, type CollectionEntry } from 'astro:content';
import { otherLang, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { ContentError } from './errors.ts';
import { pairEntries, splitEntryId } from './pairing.ts';
import type { Source } from './schemas/sources.ts';

/** The Markdown collections (every one but the source registry). */
export type EntryCollection = 'articles' | 'substances' | 'guides' | 'campaigns' | 'statistics' | 'notes';
/** The collections with one page per entry. */
export type PagedCollection = Exclude<EntryCollection, 'statistics' | 'notes'>;

/** The route (see `routes.ts`) of each collection's entry pages. */
export const entryRoute = {
  articles: 'article',
  substances: 'substance',
  guides: 'guide',
  campaigns: 'campaign',
} as const satisfies Record<PagedCollection, string>;

/** One entry with what its folder and file name say, and its pair in the other language. */
export interface LocalizedEntry<C extends EntryCollection> {
  entry: CollectionEntry<C>;
  lang: Lang;
  slug: string;
  /** The slug of the same text in the other language, or `undefined` when that one is a draft. */
  otherSlug: string | undefined;
}

// Drafts are built by `astro dev` only; `astro build` never publishes them.
const showDrafts = import.meta.env.DEV;

/**
 * The published entries of one collection in one language. Every entry, drafts included, must have its pair in the
 * other language: an unpaired entry stops the build with a `ContentError` naming the file.
 */
export async function localizedEntries<C extends EntryCollection>(
  collection: C,
  lang: Lang,
): Promise<LocalizedEntry<C>[]> {
  const all: CollectionEntry<C>[] = await getCollection(collection);
  const pairs = pairEntries(collection, all);
  const visible = (entry: CollectionEntry<C>) => showDrafts || !entry.data.draft;
  const result: LocalizedEntry<C>[] = [];
  for (const pair of pairs.values()) {
    const entry = pair[lang];
    const other = pair[otherLang(lang)];
    if (!visible(entry)) continue;
    result.push({
      entry,
      lang,
      slug: splitEntryId(collection, entry.id).slug,
      otherSlug: visible(other) ? splitEntryId(collection, other.id).slug : undefined,
    });
  }
  return result;
}

/** `getStaticPaths` for a collection's entry pages in one language: the slug, the entry, and the other language's URL. */
export async function entryPaths<C extends PagedCollection>(collection: C, lang: Lang) {
  const other: Lang = otherLang(lang);
  const entries = await localizedEntries(collection, lang);
  return entries.map(({ entry, slug, otherSlug }) => ({
    params: { slug },
    props: {
      entry,
      // An entry whose translation is still a draft points to the other language's home page rather than to a 404.
      alternateHref: otherSlug
        ? localizedPath(entryRoute[collection], other, { slug: otherSlug })
        : localizedPath('home', other),
    },
  }));
}

/** The registry records of the given source ids, in the given order. */
export async function citedSources(ids: readonly string[]): Promise<Source[]> {
  const registry = new Map((await getCollection('sources')).map((source) => [source.id, source.data]));
  return ids.map((id) => {
    const source = registry.get(id);
    // The schemas already reject unknown ids; this guards pages that are handed ids some other way.
    if (!source) throw new ContentError(`Unknown source id "${id}": add it to content/sources.json, or fix the id.`);
    return source;
  });
}
