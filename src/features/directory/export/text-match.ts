/** The open-data `search` parameter's matching: Vietnamese folded as the place search folds it. */
import { foldName } from '#src/features/admin-units/index.ts';

/** Whether every word of `query` (folded: no accents, no case, đ as d) starts a word of one of `texts`. */
export function matchesAllWords(query: string, texts: readonly string[]): boolean {
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const haystack = ` ${foldName(texts.join(' '))}`;
  return words.every((word) => haystack.includes(` ${word}`));
}
