/**
 * The widget loader's address and budget. The loader itself is `public/widget.js`: hand-written, served as it is
 * (docs/decisions/010-embeddable-widgets.md).
 */

/** Where partners' pages load it from (a file in `public/`, so the address never changes). */
export const LOADER_PATH = '/widget.js';

/**
 * Its size, gzipped, at most: 2 KB counted as 2,000 bytes (the stricter reading). Checked by
 * tests/unit/widgets/loader.test.ts and reported by `npm run bench`.
 */
export const LOADER_BUDGET_BYTES = 2000;
