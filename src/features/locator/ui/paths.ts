/** Fixed paths of the locator that are not per-language pages. */

/** The autocomplete index, prerendered at build by `src/pages/tim-ho-tro/goi-y.json.ts` (one file for both languages). */
export const SUGGEST_INDEX_PATH = '/tim-ho-tro/goi-y.json';
