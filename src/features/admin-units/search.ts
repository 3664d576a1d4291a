/**
 * Finds provinces and communes by name: current names, alternative spellings, and pre-2025 names, accent- and
 * case-insensitive, narrowed by a province named in the query ("Phú Quốc, Kiên Giang").
 *
 * Server only (it loads the pre-2025 mapping). Once the index is built, a typical query takes 10–60 µs; a misspelt one
 * that needs suggestions, about 0.1–0.3 ms.
 */
import { distanceFrom } from './edit-distance.ts';
import { parseQuery, splitAtTypeWords, trailingSplits, type QueryPart } from './query.ts';
import { candidate, finish, ranked, type Candidate } from './ranking.ts';
import { letterMask, searchIndex, type IndexEntry } from './search-index.ts';
import type { SearchOptions, SearchResult } from './types.ts';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
// Short prefixes ("t", "ta") match thousands of names; past this many entries the rest cannot make the first page.
const MAX_PREFIX_ENTRIES = 2000;

type Filter = (entry: IndexEntry) => boolean;

/**
 * Searches provinces and communes by name.
 *
 * - `found`: matches, best first; when the best is an exact name it is the only one of its rank. A pre-2025 commune
 *   split between several new communes gives one match for each, all `found`.
 * - `ambiguous`: several different units share the best-ranked name; each match carries its province.
 * - `not-found`: nothing by that name (in that province); `suggestions` lists near spellings and, when a province was
 *   named, the same name in other provinces.
 * - `invalid`: empty query, or more than 100 characters.
 *
 * @example searchUnits('phu quoc') // found: Đặc khu Phú Quốc, An Giang
 * @example searchUnits('xã Khang Ninh, huyện Ba Bể, tỉnh Bắc Kạn') // found: Xã Ba Bể, via pre-2025
 */
export function searchUnits(query: string, options: SearchOptions = {}): SearchResult {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { status: 'invalid', reason: parsed.reason };
  const { provinceCode } = options;
  const base: Filter[] = provinceCode === undefined ? [] : [(entry) => entry.provinceCode === provinceCode];
  return searchParts(parsed.parts, base, clampLimit(options.limit));
}

function searchParts(parts: readonly QueryPart[], base: readonly Filter[], limit: number): SearchResult {
  const [first, ...rest] = parts;
  if (first === undefined) return { status: 'invalid', reason: 'empty' };
  // Later parts that name a province narrow the search; other later parts (a village, a street, an unknown
  // district) are fallbacks for when the first part finds nothing, as in "số 5 Lê Lợi, phường Bến Thành, TP HCM".
  // Parts marked as districts are neither: the data has no pre-2025 districts to check them against.
  const filters = [...base];
  const fallbacks: QueryPart[] = [];
  for (const part of rest) {
    const filter = provinceFilter(part);
    if (filter !== undefined) filters.push(filter);
    else if (part.hint !== 'district' && part.hint !== 'province') fallbacks.push(part);
  }

  const exact = exactCandidates(first, filters);
  if (exact.length > 0) return ranked(exact, limit);
  for (const part of fallbacks) {
    const found = exactCandidates(part, filters);
    if (found.length > 0) return ranked(found, limit);
  }
  if (rest.length === 0) {
    // "xã Nam Mẫu huyện Ba Bể" without commas: read it as "xã Nam Mẫu, huyện Ba Bể".
    const pieces = splitAtTypeWords(first);
    if (pieces.length > 1) {
      const result = searchParts(pieces, base, limit);
      if (result.status !== 'not-found') return result;
    }
  }
  // "phu quoc kien giang" without a comma: try reading the last words as a province.
  const splits = rest.length === 0 ? provinceSplits(first, filters) : [];
  for (const split of splits) {
    const found = exactCandidates(split.head, split.filters);
    if (found.length > 0) return ranked(found, limit);
  }
  const prefixed = prefixCandidates(first, filters);
  if (prefixed.length > 0) return ranked(prefixed, limit);

  const suggestions = [
    ...splits.flatMap((split) => nearCandidates(split.head, split.filters)),
    ...nearCandidates(first, filters),
  ];
  // A province was named but the place is not in it: the same name elsewhere is the likeliest mistake.
  if (filters.length > base.length) suggestions.push(...exactCandidates(first, base), ...nearCandidates(first, base));
  return { status: 'not-found', suggestions: finish(suggestions, limit) };
}

function exactCandidates(part: QueryPart, filters: readonly Filter[]): Candidate[] {
  const { byKey } = searchIndex();
  return part.readings.flatMap((reading) =>
    (byKey.get(reading.key) ?? [])
      .filter((entry) => passes(entry, filters))
      .map((entry) => candidate(entry, part, reading, 0, 0)),
  );
}

function prefixCandidates(part: QueryPart, filters: readonly Filter[]): Candidate[] {
  const { byKey, sortedKeys } = searchIndex();
  const found: Candidate[] = [];
  for (const reading of part.readings) {
    // One letter is not yet a name: a prefix search would return an arbitrary slice of thousands.
    if (reading.key.length < 2) continue;
    for (let i = lowerBound(sortedKeys, reading.key); i < sortedKeys.length; i++) {
      const key = sortedKeys[i];
      if (key === undefined || !key.startsWith(reading.key) || found.length >= MAX_PREFIX_ENTRIES) break;
      for (const entry of byKey.get(key) ?? []) {
        if (passes(entry, filters)) found.push(candidate(entry, part, reading, 1, 0));
      }
    }
  }
  return found;
}

function nearCandidates(part: QueryPart, filters: readonly Filter[]): Candidate[] {
  const { byKey, keysByLength } = searchIndex();
  const found: Candidate[] = [];
  for (const reading of part.readings) {
    const distance = distanceFrom(reading.key);
    const max = maxDistance(reading.key.length);
    if (distance === undefined || max === 0) continue;
    const mask = letterMask(reading.key);
    for (let length = reading.key.length - max; length <= reading.key.length + max; length++) {
      const group = keysByLength.get(length);
      if (group === undefined) continue;
      for (let i = 0; i < group.keys.length; i++) {
        const other = group.masks[i] ?? 0;
        if (Math.max(bitCount(mask & ~other), bitCount(other & ~mask)) > max) continue;
        const key = group.keys[i] ?? '';
        const d = distance(key);
        if (d === 0 || d > max) continue;
        for (const entry of byKey.get(key) ?? []) {
          if (passes(entry, filters)) found.push(candidate(entry, part, reading, 2, d));
        }
      }
    }
  }
  return found;
}

function bitCount(value: number): number {
  let n = value - ((value >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// Short names are close to many others: one edit for up to 6 letters, two up to 12, three beyond.
function maxDistance(length: number): number {
  if (length < 4) return 0;
  if (length <= 6) return 1;
  return length <= 12 ? 2 : 3;
}

// A part names a province when one of its readings is a current, alternative or pre-2025 province name. A current
// name keeps that province; a pre-2025 name keeps what came from the old province, which is narrower than the new
// province it joined ("Tân Phú, Bình Phước" is not any Tân Phú in today's Đồng Nai).
function provinceFilter(part: QueryPart): Filter | undefined {
  if (part.hint !== undefined && part.hint !== 'province') return undefined;
  const { byKey } = searchIndex();
  const current = new Set<string>();
  const old = new Set<string>();
  for (const reading of part.readings) {
    for (const entry of byKey.get(reading.key) ?? []) {
      if (entry.unit.kind !== 'province') continue;
      if (entry.via === 'pre-2025') for (const code of entry.oldProvinceCodes) old.add(code);
      else current.add(entry.provinceCode);
    }
  }
  if (current.size === 0 && old.size === 0) return undefined;
  return (entry) => current.has(entry.provinceCode) || entry.oldProvinceCodes.some((code) => old.has(code));
}

function provinceSplits(part: QueryPart, filters: readonly Filter[]): Array<{ head: QueryPart; filters: Filter[] }> {
  return trailingSplits(part).flatMap(({ head, tail }) => {
    const filter = provinceFilter(tail);
    return filter === undefined ? [] : [{ head, filters: [...filters, filter] }];
  });
}

function passes(entry: IndexEntry, filters: readonly Filter[]): boolean {
  return filters.every((filter) => filter(entry));
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}
