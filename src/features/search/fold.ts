/**
 * Folds text for accent-insensitive matching: no diacritics, `đ` → `d`, lower case, one space between words. "Ma túy"
 * and "MA TUY" both become "ma tuy". Browser-safe, so the server fallback and any script fold the same way.
 */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a query, folded; words of one letter are dropped (they match everything). */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(' ')
    .filter((word) => word.length > 1);
}
