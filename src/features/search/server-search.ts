import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { entryRoute, localizedEntries, type EntryCollection } from '#src/features/content/entries.ts';
import { foldText, queryWords } from './fold.ts';

/** One page found by the server-side search. */
export interface SearchHit {
  title: string;
  url: string;
  /** The page's own one-line description, shown under the title. */
  summary: string;
}

/** The most results one answer lists; a longer list helps nobody on a phone. */
export const MAX_HITS = 20;

interface Document {
  title: string;
  url: string;
  summary: string;
  foldedTitle: string;
  foldedText: string;
}

const SEARCHED = [
  'substances',
  'articles',
  'guides',
  'campaigns',
  'statistics',
] as const satisfies readonly EntryCollection[];

// Built once per language per process: the content is fixed at build time.
const documents = new Map<Lang, Promise<Document[]>>();

/** Markdown to plain words: link targets, emphasis and heading marks carry no meaning for matching. */
function plainMarkdown(body: string): string {
  return body.replace(/\]\([^)]*\)/g, ' ').replace(/[#*_>`[\]|-]/g, ' ');
}

async function loadDocuments(lang: Lang): Promise<Document[]> {
  const all: Document[] = [];
  for (const collection of SEARCHED) {
    for (const { entry, slug } of await localizedEntries(collection, lang)) {
      const url =
        collection === 'statistics'
          ? localizedPath('statistics', lang)
          : localizedPath(entryRoute[collection], lang, { slug });
      const { title, description } = entry.data;
      all.push({
        title,
        url,
        summary: description,
        foldedTitle: foldText(title),
        foldedText: foldText(`${title} ${description} ${plainMarkdown(entry.body ?? '')}`),
      });
    }
  }
  return all;
}

/**
 * The server's answer to a search when the browser runs no JavaScript (Pagefind needs it): every published entry in
 * the language whose title, description or text holds all the query's words, accents ignored. Entries whose title
 * holds them come first.
 */
export async function searchContent(lang: Lang, query: string): Promise<SearchHit[]> {
  const words = queryWords(query);
  if (words.length === 0) return [];
  let docs = documents.get(lang);
  if (!docs) {
    docs = loadDocuments(lang);
    documents.set(lang, docs);
  }
  const padded = (text: string) => ` ${text} `;
  // Whole words count more than parts of words ("ma tuy" should not rank "matuyen" first).
  const score = (doc: Document) =>
    words.reduce((sum, word) => {
      const inTitle = padded(doc.foldedTitle).includes(` ${word} `) ? 4 : doc.foldedTitle.includes(word) ? 2 : 0;
      const inText = padded(doc.foldedText).includes(` ${word} `) ? 1 : 0;
      return sum + inTitle + inText;
    }, 0);
  return (await docs)
    .filter((doc) => words.every((word) => doc.foldedText.includes(word)))
    .map((doc) => ({ doc, score: score(doc) }))
    .sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title, lang))
    .slice(0, MAX_HITS)
    .map(({ doc }) => ({ title: doc.title, url: doc.url, summary: doc.summary }));
}
