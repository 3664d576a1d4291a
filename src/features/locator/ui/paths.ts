/** Fixed paths of the locator that are not per-language pages. */

/** The autocomplete index, prerendered at build by `src/pages/tim-ho-tro/goi-y.json.ts` (one file for both languages). */
export const SUGGEST_INDEX_PATH = '/tim-ho-tro/goi-y.json';

/**
 * The id of the search's outcome (results, a choice of places, or "not found"): the form's action ends in
 * `#results`, so a phone lands on the answer, not on the form above it, with or without JavaScript.
 */
export const RESULTS_ANCHOR = 'results';

/** Pre-2025 names for the autocomplete, answered per query by `src/pages/tim-ho-tro/goi-y-cu.json.ts` (no-store). */
export const FORMER_NAMES_PATH = '/tim-ho-tro/goi-y-cu.json';
