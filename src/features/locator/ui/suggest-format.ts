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
import { ENGLISH_TYPE_KEYS, foldName } from '#src/features/admin-units/normalize.ts';
import { localUnitName, type UnitTypeWord } from '#src/features/admin-units/place-name.ts';
import type { Lang } from '#src/i18n/index.ts';

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
  /** With its type word, in the page's language: "Phường Ba Đình", "Thành phố Hà Nội"; "Ba Đình ward", "Hà Nội City". */
  readonly fullName: string;
  /** The province's name without type word ("Hà Nội"); for a province, its own. */
  readonly provinceName: string;
  /** The province as shown after a commune: "Hà Nội" in Vietnamese, "Hà Nội City" in English. */
  readonly provinceLabel: string;
  /** What goes into the search field when chosen: "Phường Ba Đình, Hà Nội"; "Ba Đình ward, Hà Nội City". */
  readonly value: string;
  /** Folded name without its type word, for matching. */
  readonly key: string;
  /** Folded province name, for narrowing by a second part ("phu quoc, an giang"). */
  readonly provinceKey: string;
  /** The pre-2025 unit the words matched, for a suggestion from the server's former names (former-names.ts). */
  readonly formerly?: string;
}

/**
 * Turns the served file into suggestions, named for a page in `lang`; throws on a file of another version or with a
 * type word it does not know.
 */
export function readSuggestIndex(file: SuggestIndexFile, lang: Lang = 'vi'): Suggestion[] {
  if (file.v !== SUGGEST_FORMAT_VERSION) throw new Error(`suggest index: unknown version ${String(file.v)}`);
  const typeWord = (index: number): UnitTypeWord => {
    const word = file.t[index];
    if (!(SUGGEST_TYPES as readonly (string | undefined)[]).includes(word)) throw new Error('suggest index: bad type');
    return word as UnitTypeWord;
  };
  const named = (type: number, name: string): string => localUnitName({ type: typeWord(type), name }, lang);
  const out: Suggestion[] = [];
  for (const [provinceName, provinceType, communes] of file.p) {
    const provinceKey = foldName(provinceName);
    const provinceFull = named(provinceType, provinceName);
    const provinceLabel = lang === 'en' ? provinceFull : provinceName;
    out.push({
      kind: 'province',
      code: undefined,
      fullName: provinceFull,
      provinceName,
      provinceLabel,
      value: provinceFull,
      key: provinceKey,
      provinceKey,
    });
    let code = 0;
    for (const [name, delta, type = 0] of communes) {
      code += delta;
      const fullName = named(type, name);
      out.push({
        kind: 'commune',
        code: String(code).padStart(5, '0'),
        fullName,
        provinceName,
        provinceLabel,
        value: `${fullName}, ${provinceLabel}`,
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
 * A folded text without an English type word ("commune", "special zone", "citi"…) before or after the name, as English
 * pages write places; with `partial`, also without one still being typed at the end ("cho moi comm", "ho chi minh
 * ci"). `undefined` when there is none.
 */
function withoutEnglishType(key: string, partial: boolean): string | undefined {
  for (const word of ENGLISH_TYPE_KEYS) {
    if (key.startsWith(`${word} `)) return key.slice(word.length + 1);
    if (key.endsWith(` ${word}`)) return key.slice(0, -word.length - 1);
  }
  if (!partial) return undefined;
  // The last one or two words ("special z").
  for (let space = key.lastIndexOf(' '), words = 1; space > 0 && words <= 2; words++) {
    const tail = key.slice(space + 1);
    if (ENGLISH_TYPE_KEYS.some((word) => word.startsWith(tail))) return key.slice(0, space);
    space = key.lastIndexOf(' ', space - 1);
  }
  return undefined;
}

/**
 * The best suggestions for what has been typed, accent- and case-insensitive: names starting with the text first,
 * then names with a word starting with it, provinces before communes, then alphabetical. A second part after a comma
 * narrows to provinces whose name starts with it ("phu quoc, an giang"). Nothing under 2 letters.
 *
 * Type words are left out: Vietnamese ones before the name ("xã ba bể"), English ones before or after it ("ba be
 * commune", "ho chi minh city"), even half typed ("ba dinh wa") when the text fits no name as it is. An English one
 * inside the text ends the place, and the province follows ("ba be commune thai nguyen province").
 */
export function matchSuggestions(all: readonly Suggestion[], typed: string, limit = 8): Suggestion[] {
  const [placePart = '', provincePart = ''] = typed.split(',', 2);
  const whole = foldName(placePart);
  const provinceKeys = keysFor(foldName(provincePart), (key) => all.some((s) => s.provinceKey.startsWith(key)));
  if (provinceKeys === undefined) return typed.includes(',') ? [] : splitAtEnglishType(all, whole, limit);
  // "Tịnh Biên" folds to "tinh bien", like "tỉnh Biên": try the text with and without its leading type word.
  const found = (keys: readonly string[]) => ranked(all, keys, provinceKeys, limit);
  const first = found([whole, whole.replace(TYPE_PREFIX, '')]);
  if (first.length > 0) return first;
  for (const partial of [false, true]) {
    const stripped = withoutEnglishType(whole, partial);
    const next = stripped === undefined ? [] : found([stripped, stripped.replace(TYPE_PREFIX, '')]);
    if (next.length > 0) return next;
  }
  return typed.includes(',') ? [] : splitAtEnglishType(all, whole, limit);
}

// The province part's key: as typed, then without a type word (Vietnamese, English, English half typed), the first
// that starts some province's name. '' when there is no province part; `undefined` when none fits.
function keysFor(key: string, fits: (key: string) => boolean): string | undefined {
  if (key === '') return '';
  const tries = [key, key.replace(TYPE_PREFIX, ''), withoutEnglishType(key, false), withoutEnglishType(key, true)];
  return tries.find((one) => one !== undefined && one !== '' && fits(one));
}

// "ba be commune thai nguyen": the place ends with its English type word, the province follows.
function splitAtEnglishType(all: readonly Suggestion[], whole: string, limit: number): Suggestion[] {
  for (const word of ENGLISH_TYPE_KEYS) {
    const at = whole.indexOf(` ${word} `);
    if (at > 0) {
      const end = at + word.length + 1;
      return matchSuggestions(all, `${whole.slice(0, end)}, ${whole.slice(end + 1)}`, limit);
    }
  }
  return [];
}

function ranked(all: readonly Suggestion[], typedKeys: readonly string[], provinceKey: string, limit: number) {
  const keys = [...new Set(typedKeys)].filter((key) => key.length >= 2);
  if (keys.length === 0) return [];
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
