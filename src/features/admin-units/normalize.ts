/**
 * Name normalization for Vietnamese place names.
 *
 * Browser-safe: no `node:` imports, no data. The same functions build the search index and read the query, so both
 * sides always agree.
 */

/** What a leading type word ("xã", "tỉnh", "huyện"…) says about the unit a person means. */
export type TypeHint = 'province' | 'xa' | 'phuong' | 'dac-khu' | 'thi-tran' | 'district';

/** A name split into its optional leading type word and the rest, both as keys. */
export interface StrippedName {
  /** Folded key of the name without its type word, e.g. `tan phu` for "Xã Tân Phú". */
  readonly key: string;
  /** Tone key of the same words (see {@link toneKey}). */
  readonly tone: string;
  /** What the stripped type word said. */
  readonly hint: TypeHint;
}

/**
 * Folds a name to its matching key: no accents, no case, `đ` → `d`, punctuation and runs of spaces → one space,
 * apostrophes dropped, and `y` → `i` at the end of a syllable after a consonant (or in `quy`).
 *
 * The i/y rule exists because both spellings are in use for the same syllable (Quý/Quí, Kỳ/Kì, Lý/Lí, Mỹ/Mĩ) and the
 * source mixes them across eras. It never touches `uy`, `ay`, `ây` (Thuỷ, Tây), which are different sounds.
 *
 * @example foldName('Thành phố Hồ Chí Minh') === 'thanh pho ho chi minh'
 * @example foldName('Hoà') === foldName('HÒA') // 'hoa'
 */
export function foldName(input: string): string {
  return analyze(input).folded;
}

/**
 * A key that keeps the letters and the tone of each syllable but not where the tone mark sits, so `Hoà` and `Hòa`
 * (or `Thuỷ` and `Thủy`) are equal while `Tân` and `Tấn` are not. `đ` and `d` are not told apart: many people type
 * accents with a plain d. Used to rank a query typed with accents: names with the same accents come first.
 *
 * @example toneKey('Hoà') === toneKey('Hòa') // 'hoaF'
 */
export function toneKey(input: string): string {
  return analyze(input).tone;
}

/**
 * A tone key without its tones: the letters with their other marks (â, ă, ê, ô, ơ, ư). Compares a half-typed last
 * syllable, whose tone may not be typed yet.
 */
export function toneless(toneKeyValue: string): string {
  return toneKeyValue.replace(/[A-Z]/gu, '');
}

/** Both {@link foldName} and {@link toneKey} of a name, for the price of one. */
export function nameKeys(input: string): { readonly folded: string; readonly tone: string } {
  return analyze(input);
}

/** True when the text carries any Vietnamese diacritic (or `đ`), i.e. the person typed accents we can compare. */
export function hasDiacritics(input: string): boolean {
  return /[\u0300-\u036f\u0110\u0111]/u.test(input.normalize('NFD'));
}

/**
 * The name without accents, `đ` → `d`, case and spacing kept: the English form of most names.
 *
 * @example toAscii('Đắk Lắk') === 'Dak Lak'
 */
export function toAscii(input: string): string {
  return input.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').normalize('NFC');
}

/**
 * Splits a type word off a name or query part: a leading Vietnamese one ("xã", "tỉnh", "TP", "P.", "huyện"…), or an
 * English one before or after the name ("Chợ Mới commune", "Hồ Chí Minh City", "ward Ba Đình"), as English pages write
 * places (place-name.ts).
 *
 * Returns `undefined` when the text has no type word, when nothing else is left, or when it starts with a word spelled
 * like a Vietnamese one but with other accents: "Tịnh Biên" is a place, "tỉnh Biên" would be a type word. Without
 * accents the two cannot be told apart, so callers should try both the whole text and the stripped one. The English
 * words are no Vietnamese syllables, so they are never part of a name.
 */
export function stripTypeWord(input: string): StrippedName | undefined {
  const { folded, tone } = analyze(input);
  // English first: in "Phuong Liet ward" or "Tinh Bien ward" the first word is part of the name, not "phường" or "tỉnh".
  const english = stripEnglishTypeWord(folded, tone);
  if (english !== undefined) return english;
  const accented = hasDiacritics(input);
  for (const type of TYPE_WORDS) {
    if (!folded.startsWith(`${type.folded} `)) continue;
    const toneWords = tone.split(' ');
    const typedTone = toneWords.slice(0, type.words).join(' ');
    // A type word typed without accents is accepted even when the rest of the query has them.
    if (accented && typedTone !== type.tone && typedTone !== type.folded) continue;
    return { key: folded.slice(type.folded.length + 1), tone: toneWords.slice(type.words).join(' '), hint: type.hint };
  }
  return undefined;
}

function stripEnglishTypeWord(folded: string, tone: string): StrippedName | undefined {
  for (const type of ENGLISH_TYPE_WORDS) {
    const toneWords = tone.split(' ');
    if (folded.startsWith(`${type.folded} `)) {
      return {
        key: folded.slice(type.folded.length + 1),
        tone: toneWords.slice(type.words).join(' '),
        hint: type.hint,
      };
    }
    if (folded.endsWith(` ${type.folded}`)) {
      return {
        key: folded.slice(0, -type.folded.length - 1),
        tone: toneWords.slice(0, -type.words).join(' '),
        hint: type.hint,
      };
    }
  }
  return undefined;
}

// Vietnamese tone marks as combining characters after NFD. The other marks (circumflex, breve, horn) make different
// letters (a/â/ă, o/ô/ơ, u/ư) and stay in the tone key; only these five move around between writing styles. Each
// becomes its Telex letter in upper case at the end of the syllable: keys are lower case, so it never meets a letter
// or digit of a name, and removing upper case gives the letters alone (see toneless).
const TONE_LETTERS: Readonly<Record<string, string>> = {
  '\u0300': 'F', // huyền (grave)
  '\u0340': 'F',
  '\u0301': 'S', // sắc (acute)
  '\u0341': 'S',
  '\u0309': 'R', // hỏi (hook above)
  '\u0303': 'X', // ngã (tilde)
  '\u0323': 'J', // nặng (dot below)
};
// Apostrophes join syllables in Central Highlands names ("Ea H'leo", "Xã K' Dang"): they are dropped with any space
// after them, so "Ea Hleo", "ea h'leo" and "K'Dang" meet.
const APOSTROPHES = new Set(["'", '’', '‘', 'ʼ', '`', '´']);

// What one lower-case NFC character contributes: a word separator, an apostrophe, or letters for each key.
type CharInfo =
  | { readonly kind: 'separator' | 'apostrophe' }
  | { readonly kind: 'letter'; readonly folded: string; readonly toneless: string; readonly tone: string };

// Filled on first sight of each character: the set in use is small (Vietnamese letters, digits, punctuation), and
// a cached lookup is several times faster than Unicode regular expressions over every name.
const charCache = new Map<string, CharInfo>();
const SEPARATOR: CharInfo = { kind: 'separator' };

function charInfo(char: string): CharInfo {
  let info = charCache.get(char);
  if (info !== undefined) return info;
  if (APOSTROPHES.has(char)) info = { kind: 'apostrophe' };
  else if (!/[\p{L}\p{M}\p{N}]/u.test(char)) info = { kind: 'separator' };
  else {
    let folded = '';
    let toneless = '';
    let tone = '';
    for (const part of char.normalize('NFD')) {
      const letter = TONE_LETTERS[part];
      if (letter !== undefined) tone = letter;
      else {
        toneless += part;
        if (!/\p{M}/u.test(part)) folded += part;
      }
    }
    info = {
      kind: 'letter',
      folded: folded.replace('đ', 'd'),
      toneless: toneless.normalize('NFC').replace('đ', 'd'),
      tone,
    };
  }
  charCache.set(char, info);
  return info;
}

// One pass over the text gives both keys, word by word. ASCII letters and digits, most of any name, skip the cache.
function analyze(input: string): { readonly folded: string; readonly tone: string } {
  const text = input.normalize('NFC').toLowerCase();
  let foldedOut = '';
  let toneOut = '';
  let folded = '';
  let toneless = '';
  let tone = '';
  let afterApostrophe = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      const char = text.charAt(i);
      folded += char;
      toneless += char;
      afterApostrophe = false;
      continue;
    }
    const info = code === 32 ? SEPARATOR : charInfo(text.charAt(i));
    if (info.kind === 'letter') {
      folded += info.folded;
      toneless += info.toneless;
      if (info.tone !== '') tone = info.tone;
      afterApostrophe = false;
    } else if (info.kind === 'apostrophe') {
      afterApostrophe = true;
    } else if (!afterApostrophe && folded !== '') {
      // End of a word. A final y carries no mark but its tone, so it is also the last toneless letter.
      const iy = iyFold(folded);
      const ck = ckFold(iy, iy === folded ? toneless : `${toneless.slice(0, -1)}i`);
      foldedOut += foldedOut === '' ? ck.folded : ` ${ck.folded}`;
      const toneWord = ck.toneless + tone;
      toneOut += toneOut === '' ? toneWord : ` ${toneWord}`;
      folded = toneless = tone = '';
    }
  }
  return { folded: foldedOut, tone: toneOut };
}

// K and c are the same sound before a, o, u and at the end of a syllable, and place names are written both ways:
// Bắc Kạn is commonly "Bắc Cạn", Đắk Lắk "Đắc Lắc", Krông Pắc "Krông Pắk". Both fold to c there (on the folded word
// and, at the same places, on the tone key's letters). Before i, e, y and in kh, k is the only spelling and stays.
function ckFold(folded: string, toneless: string): { folded: string; toneless: string } {
  const first = folded.startsWith('k') && 'aou'.includes(folded.charAt(1)) && folded.length > 1;
  const last = folded.length > 1 && folded.endsWith('k') && 'aeiouy'.includes(folded.charAt(folded.length - 2));
  if (!first && !last) return { folded, toneless };
  const change = (word: string) => {
    let out = first ? `c${word.slice(1)}` : word;
    if (last) out = `${out.slice(0, -1)}c`;
    return out;
  };
  return { folded: change(folded), toneless: change(toneless) };
}

// Syllable-final y after a consonant, or in "quy", is the same sound as i (see foldName).
function iyFold(word: string): string {
  if (!word.endsWith('y')) return word;
  const before = word.at(-2);
  if (before === undefined || !'aeiouy'.includes(before) || word.endsWith('quy')) return `${word.slice(0, -1)}i`;
  return word;
}

// Leading type words. Longer phrases come first so "thị xã" is not read as "thị" + "xã". The tone key lets "Tịnh
// Biên" or "Phương Sơn" (place names) be told apart from "tỉnh" and "phường" (type words) when accents are typed.
const TYPE_WORDS: ReadonlyArray<{
  readonly tone: string;
  readonly folded: string;
  readonly words: number;
  readonly hint: TypeHint;
}> = (
  [
    ['thành phố', 'province'],
    ['thị xã', 'district'],
    ['thị trấn', 'thi-tran'],
    ['đặc khu', 'dac-khu'],
    ['tỉnh', 'province'],
    ['tp', 'province'],
    ['xã', 'xa'],
    ['phường', 'phuong'],
    ['huyện', 'district'],
    ['quận', 'district'],
    ['tx', 'district'],
    ['tt', 'thi-tran'],
    // One-letter abbreviations as written in addresses: "P. Bến Nghé", "Q. 1", "H. Ba Bể".
    ['p', 'phuong'],
    ['q', 'district'],
    ['h', 'district'],
  ] as const
).map(([word, hint]) => {
  const { folded, tone } = analyze(word);
  return { tone, folded, words: folded.split(' ').length, hint };
});

// English type words, as English pages put them after a name (place-name.ts): "Chợ Mới commune", "Hồ Chí Minh City",
// and before pre-2025 numbered units ("Ward 1", "District 3"). Case does not matter; "city" names a centrally-run city,
// as "thành phố" does.
const ENGLISH_TYPE_WORDS: ReadonlyArray<{
  readonly folded: string;
  readonly words: number;
  readonly hint: TypeHint;
}> = (
  [
    ['special zone', 'dac-khu'],
    ['commune', 'xa'],
    ['ward', 'phuong'],
    ['province', 'province'],
    ['city', 'province'],
    ['township', 'thi-tran'],
    ['district', 'district'],
  ] as const
).map(([word, hint]) => {
  const { folded } = analyze(word);
  return { folded, words: folded.split(' ').length, hint };
});

/** The English type words as {@link foldName} gives them ("commune", "special zone", "citi"), for the autocomplete. */
export const ENGLISH_TYPE_KEYS: readonly string[] = ENGLISH_TYPE_WORDS.map((type) => type.folded);

/**
 * Index key of a name or query part: its `foldName` without spaces. Dropping spaces lets "Hanoi", "Saigon", "Daklak"
 * or "Kontum" meet "Hà Nội", "Sài Gòn", "Đắk Lắk", "Kon Tum". A few names then share a key ("Phúc An" and "Phú Cần"
 * are both `phucan`): search ranks the one spaced as typed first.
 */
export function compactKey(folded: string): string {
  // Without spaces a syllable's end is not known ("Daklak"), so k folds to c wherever c could stand (not before i, e,
  // y or in kh), as foldName does syllable by syllable.
  return folded.replaceAll(' ', '').replace(/k(?![iehy])/gu, 'c');
}
