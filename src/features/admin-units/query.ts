/**
 * Reads a search query into comma-separated parts, each with the ways its leading type word can be read.
 * Browser-safe, like normalize.ts.
 */
import { compactKey, hasDiacritics, nameKeys, stripTypeWord, toneKey, type TypeHint } from './normalize.ts';

/** Longest query accepted, in characters (code points after NFC). */
export const MAX_QUERY_LENGTH = 100;

/** One way to read a part: with its type word kept, or stripped (then `hint` says what it named). */
export interface Reading {
  /** Compact folded key, comparable with the index keys. */
  readonly key: string;
  /** Compact tone key. */
  readonly tone: string;
  /** Folded key with its spaces. */
  readonly spaced: string;
  readonly hint: TypeHint | undefined;
}

/** One comma-separated part of a query, e.g. "huyện Ba Bể" in "xã Khang Ninh, huyện Ba Bể, tỉnh Bắc Kạn". */
export interface QueryPart {
  readonly text: string;
  /** Whether the person typed accents here; only then do accents rank matches. */
  readonly accented: boolean;
  /** Non-empty. The whole text first, then the text without its type word when it has one. */
  readonly readings: readonly Reading[];
  /** The type word's hint, when the part starts with one. */
  readonly hint: TypeHint | undefined;
}

/** A parsed query, or why it cannot be searched. */
export type ParsedQuery =
  | { readonly ok: true; readonly parts: readonly QueryPart[] }
  | { readonly ok: false; readonly reason: 'empty' | 'too-long' };

/**
 * Splits a query on commas, semicolons and line breaks (not on " - ", which is part of names like
 * "Bà Rịa - Vũng Tàu"), drops parts with nothing to search, and refuses empty or over-long queries.
 */
export function parseQuery(query: string): ParsedQuery {
  const text = query.normalize('NFC').trim();
  if ([...text].length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too-long' };
  const parts = text
    .split(/[,;\n]+/u)
    .map(toPart)
    .filter((part) => part !== undefined);
  return parts.length === 0 ? { ok: false, reason: 'empty' } : { ok: true, parts };
}

// Type words that start a new part inside a query typed without commas ("xã Nam Mẫu huyện Ba Bể"). Only with their
// accents, or as the letter abbreviations TP/TX/TT: without accents "tinh", "xa", "quan", "phuong" are also syllables
// of place names (Tịnh Biên, Quan Sơn, Tây Phương). Some names hold one even so ("Tân Xã", "Tứ Quận"), which is why
// the search tries the whole text first.
const INNER_TYPE_WORDS = new Set(
  ['thành phố', 'thị xã', 'thị trấn', 'đặc khu', 'tỉnh', 'xã', 'phường', 'huyện', 'quận', 'tp', 'tx', 'tt'].map(
    toneKey,
  ),
);

/**
 * Cuts one part before each type word inside it: "xã Nam Mẫu huyện Ba Bể tỉnh Bắc Kạn" gives three parts. Returns
 * a single part when there is nothing to cut.
 */
export function splitAtTypeWords(part: QueryPart): QueryPart[] {
  const tokens = part.text.split(/\s+/u);
  const pieces: string[][] = [];
  for (let i = 0; i < tokens.length;) {
    const pair = tokens.slice(i, i + 2).join(' ');
    const width = INNER_TYPE_WORDS.has(toneKey(pair)) ? 2 : INNER_TYPE_WORDS.has(toneKey(tokens[i] ?? '')) ? 1 : 0;
    const taken = tokens.slice(i, i + Math.max(width, 1));
    const last = pieces.at(-1);
    if (last === undefined || width > 0) pieces.push(taken);
    else last.push(...taken);
    i += taken.length;
  }
  const parts = pieces.map((piece) => toPart(piece.join(' '))).filter((p) => p !== undefined);
  return parts.length > 1 ? parts : [part];
}

/** Reads one part; `undefined` when it has no letters or digits. */
export function toPart(text: string): QueryPart | undefined {
  const { folded, tone } = nameKeys(text);
  if (folded === '') return undefined;
  const readings: Reading[] = [reading(folded, tone, undefined)];
  const stripped = stripTypeWord(text);
  if (stripped !== undefined && stripped.key !== '') readings.push(reading(stripped.key, stripped.tone, stripped.hint));
  return { text: text.trim(), accented: hasDiacritics(text), readings, hint: stripped?.hint };
}

function reading(folded: string, tone: string, hint: TypeHint | undefined): Reading {
  return { key: compactKey(folded), tone: compactKey(tone), spaced: folded, hint };
}

/**
 * The ways to cut a one-part query such as "phu quoc kien giang" into a place and a trailing province, longest
 * province first (up to five tokens, for "Bà Rịa - Vũng Tàu"). The caller keeps the first cut whose tail names a
 * province.
 */
export function trailingSplits(part: QueryPart): Array<{ readonly head: QueryPart; readonly tail: QueryPart }> {
  const words = part.text.split(/\s+/u);
  const splits: Array<{ head: QueryPart; tail: QueryPart }> = [];
  for (let n = Math.min(5, words.length - 1); n >= 1; n--) {
    const head = toPart(words.slice(0, -n).join(' '));
    const tail = toPart(words.slice(-n).join(' '));
    if (head !== undefined && tail !== undefined) splits.push({ head, tail });
  }
  return splits;
}
