/**
 * Builds the autocomplete index served at `/tim-ho-tro/goi-y.json` (prerendered at build). Current names only; see
 * `suggest-format.ts` for the format. About 63 KB of JSON, 18–19 KB gzipped (budget 40 KB, checked by
 * `tests/unit/locator-ui/suggest-index.test.ts`).
 */
import { listCommunes, listProvinces } from '#src/features/admin-units/index.ts';
import {
  SUGGEST_FORMAT_VERSION,
  SUGGEST_TYPES,
  type SuggestCommuneRow,
  type SuggestIndexFile,
} from './suggest-format.ts';

/** Largest gzip size allowed for the served index, in bytes. */
export const SUGGEST_INDEX_GZIP_BUDGET = 40 * 1024;

/** The index, ready for `JSON.stringify`. */
export function buildSuggestIndex(): SuggestIndexFile {
  const typeIndex = (type: string): number => {
    const index = (SUGGEST_TYPES as readonly string[]).indexOf(type);
    if (index === -1) throw new Error(`suggest index: unknown type word ${type}`);
    return index;
  };
  return {
    v: SUGGEST_FORMAT_VERSION,
    t: SUGGEST_TYPES,
    p: listProvinces().map((province) => {
      let previous = 0;
      const communes = [...listCommunes(province.code)]
        .sort((a, b) => Number(a.code) - Number(b.code))
        .map((commune): SuggestCommuneRow => {
          const code = Number(commune.code);
          const delta = code - previous;
          previous = code;
          const type = typeIndex(commune.type);
          return type === 0 ? [commune.name, delta] : [commune.name, delta, type];
        });
      return [province.name, typeIndex(province.type), communes];
    }),
  };
}

/** The index as served: compact JSON text. */
export function suggestIndexJson(): string {
  return JSON.stringify(buildSuggestIndex());
}
