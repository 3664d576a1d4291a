/**
 * The autocomplete index's compact format, and its reading and matching in the browser. Browser-safe: it imports only
 * `admin-units/normalize.ts`.
 *
 * Only CURRENT names are in it (34 provinces, 3,321 communes); pre-2025 names are resolved by the server when the
 * form is sent, so the form finds them with or without this index.
 *
 * Format (`/tim-ho-tro/goi-y.json`): `{ v: 1, t: [type words], p: [[name, typeIndex, communes]] }` where each commune
 * is `[name, codeDelta]` or `[name, codeDelta, typeIndex]` (type 0, "Xã", is left out). Communes are sorted by code
 * within their province and each code is the previous one's plus `codeDelta` (the first counts from 0), five digits.
 */
import { foldName } from '#src/features/admin-units/normalize.ts';

/** Version of the format, checked by the reader. */
export const SUGGEST_FORMAT_VERSION = 1;

/** Type words, by index: communes 0–2, provinces 3–4. */
export const SUGGEST_TYPES = ['Xã', 'Phường', 'Đặc khu', 'Tỉnh', 'Thành phố'] as const;

/** One commune row: name, code delta, and the type index when not 0. */
export type SuggestCommuneRow = [name: string, codeDelta: number] | [name: string, codeDelta: number, type: number];

/** The file as served. */
export interface SuggestIndexFile {
  v: number;
  t: readonly string[];
  p: ReadonlyArray<[name: string, type: number, communes: readonly SuggestCommuneRow[]]>;
}

/** One place the autocomplete can offer. */
export interface Suggestion {
  readonly kind: 'province' | 'commune';
  /** Five digits for a commune; undefined for a province. */
  readonly code: string | undefined;
  /** With its type word: "Phường Ba Đình", "Thành phố Hà Nội". */
  readonly fullName: string;
  /** The province's name without type word ("Hà Nội"); for a province, its own. */
  readonly provinceName: string;
  /** What goes into the search field when chosen: "Phường Ba Đình, Hà Nội". */
  readonly value: string;
  /** Folded name without its type word, for matching. */
  readonly key: string;
  /** Folded province name, for narrowing by a second part ("phu quoc, an giang"). */
  readonly provinceKey: string;
  /** The pre-2025 unit the words matched, for a suggestion from the server's former names (former-names.ts). */
  readonly formerly?: string;
}

/** Turns the served file into suggestions; throws on a file of another version. */
export function readSuggestIndex(file: SuggestIndexFile): Suggestion[] {
  if (file.v !== SUGGEST_FORMAT_VERSION) throw new Error(`suggest index: unknown version ${String(file.v)}`);
  const out: Suggestion[] = [];
  for (const [provinceName, provinceType, communes] of file.p) {
    const provinceKey = foldName(provinceName);
    const provinceFull = `${file.t[provinceType] ?? ''} ${provinceName}`.trim();
    out.push({
      kind: 'province',
      code: undefined,
      fullName: provinceFull,
      provinceName,
      value: provinceFull,
      key: provinceKey,
      provinceKey,
    });
    let code = 0;
    for (const [name, delta, type = 0] of communes) {
      code += delta;
      const fullName = `${file.t[type] ?? ''} ${name}`.trim();
      out.push({
        kind: 'commune',
        code: String(code).padStart(5, '0'),
        fullName,
        provinceName,
        value: `${fullName}, ${provinceName}`,
        key: foldName(name),
        provinceKey,
      });
    }
  }
  return out;
}

// Leading type words people type before a name, current or pre-2025; matching ignores them ("xa ba be", "phuong ben
// thanh", "tp hue", "huyen ba be", "thi tran cho moi").
const TYPE_PREFIX = /^(xa|phuong|dac khu|tinh|thanh pho|tp|huyen|quan|thi xa|thi tran|tx|tt|p|x|h|q)\s+/u;

/**
 * The best suggestions for what has been typed, accent- and case-insensitive: names starting with the text first,
 * then names with a word starting with it, provinces before communes, then alphabetical. A second part after a comma
 * narrows to provinces whose name starts with it ("phu quoc, an giang"). Nothing under 2 letters.
 */
export function matchSuggestions(all: readonly Suggestion[], typed: string, limit = 8): Suggestion[] {
  const [placePart = '', provincePart = ''] = typed.split(',', 2);
  const whole = foldName(placePart);
  // "Tịnh Biên" folds to "tinh bien", like "tỉnh Biên": try the text with and without its leading type word.
  const keys = [...new Set([whole, whole.replace(TYPE_PREFIX, '')])].filter((key) => key.length >= 2);
  if (keys.length === 0) return [];
  const provinceKey = foldName(provincePart).replace(TYPE_PREFIX, '');
  const ranked: Array<{ rank: number; suggestion: Suggestion }> = [];
  for (const suggestion of all) {
    if (provinceKey !== '' && !suggestion.provinceKey.startsWith(provinceKey)) continue;
    let best = Infinity;
    for (const key of keys) {
      if (suggestion.key === key) best = Math.min(best, 0);
      else if (suggestion.key.startsWith(key)) best = Math.min(best, 1);
      else if (suggestion.key.includes(` ${key}`)) best = Math.min(best, 2);
    }
    if (best === Infinity) continue;
    ranked.push({ rank: best * 2 + (suggestion.kind === 'province' ? 0 : 1), suggestion });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.suggestion.key.localeCompare(b.suggestion.key) ||
      a.suggestion.provinceKey.localeCompare(b.suggestion.provinceKey),
  );
  return ranked.slice(0, limit).map((entry) => entry.suggestion);
}
