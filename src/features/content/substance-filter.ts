/**
 * The drugs A–Z filter: one matching rule for the server-answered search page and the index page's instant filter.
 *
 * Browser-safe (the index page's script imports it): no `astro:content`, no `node:` imports. Accents, case and
 * punctuation are folded with the locator's own `foldName`, so "ma tuy da" finds "Ma túy đá" and "bong cuoi" finds
 * "Bóng cười", exactly as place names are matched.
 */
import { foldName } from '#src/features/admin-units/normalize.ts';

/** Longest query read; the rest is ignored (a name or a street name is never this long). */
export const MAX_SUBSTANCE_QUERY_LENGTH = 80;

/** The names a reader may type to find one entry. */
export interface SubstanceNames {
  /** The name the list sorts by, e.g. "Bóng cười". */
  name: string;
  /** The page title, which may add a chemical name, e.g. "Bóng cười (khí N2O)". */
  title: string;
  /** Names people use for it, e.g. "khí cười", "funky ball". */
  streetNames: readonly string[];
}

/**
 * The folded words an entry can be found by, as one space-separated string: rendered into the index page (so the
 * browser never folds entry names) and compared on the server alike.
 */
export function substanceSearchKey(names: SubstanceNames): string {
  const words = new Set<string>();
  for (const text of [names.name, names.title, ...names.streetNames]) {
    for (const word of foldName(text).split(' ')) if (word !== '') words.add(word);
  }
  return [...words].join(' ');
}

/** The folded words of a query, at most {@link MAX_SUBSTANCE_QUERY_LENGTH} characters of it; none for a blank one. */
export function queryWords(query: string): string[] {
  const folded = foldName(query.slice(0, MAX_SUBSTANCE_QUERY_LENGTH));
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Whether an entry's search key matches every word of the query, each word as the start of one of the entry's words:
 * "keta" finds ketamine, "bong cuoi" finds Bóng cười; "ong" finds nothing (no name starts with it). A query without
 * words matches everything.
 */
export function keyMatches(key: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const keyWords = key.split(' ');
  return words.every((word) => keyWords.some((keyWord) => keyWord.startsWith(word)));
}

/** What a query did to the list: nothing (blank query), some entries kept, or none found. */
export type FilterOutcome = 'all' | 'matches' | 'none';

/** Filters entries by a query; keeps their order. */
export function filterSubstances<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  query: string,
): { outcome: FilterOutcome; items: T[] } {
  const words = queryWords(query);
  if (words.length === 0) return { outcome: 'all', items: [...items] };
  const kept = items.filter((item) => keyMatches(keyOf(item), words));
  return { outcome: kept.length === 0 ? 'none' : 'matches', items: kept };
}

/**
 * The A–Z letter an entry is listed under: the first letter of its name without accents, so "Đ" sits with "D" and
 * "Ơ" with "O", as a reader typing without accents expects. Names starting with a digit or a symbol go under "#".
 */
export function letterOf(name: string): string {
  const first = foldName(name).charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : '#';
}

/** One letter of the A–Z list and its entries. */
export interface LetterGroup<T> {
  letter: string;
  items: T[];
}

/** Groups entries by {@link letterOf} their name; the entries are expected sorted already, and keep that order. */
export function groupByLetter<T>(items: readonly T[], nameOf: (item: T) => string): LetterGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const letter = letterOf(nameOf(item));
    const group = groups.get(letter);
    if (group) group.push(item);
    else groups.set(letter, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([letter, groupItems]) => ({ letter, items: groupItems }));
}
