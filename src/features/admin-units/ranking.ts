/**
 * How search candidates are ordered, deduplicated, and turned into public matches and a result status.
 */
import { toneless } from './normalize.ts';
import type { QueryPart, Reading } from './query.ts';
import { unitId, type IndexEntry } from './search-index.ts';
import { provinceRef } from './units.ts';
import type { Match, MatchBase, MatchQuality, SearchResult } from './types.ts';

// How a candidate matched, as numbers compared in order (lower is better):
//  1. level: exact name (0), prefix (1), near spelling (2). A whole-name match always beats a partial one.
//  2. distance: edits for a near spelling (0 otherwise).
//  3. hint: 0 when the query's type word ("xã", "phường", "tỉnh") names this unit's type, or when it has none. What
//     the person said the place is outweighs what we guess: "phường Bắc Kạn" means the ward, not the old province.
//  4. loose: 0 when the accents typed match the name (tone-mark placement aside) or none were typed, and the words
//     are spaced as typed. "Tân An" lists the Tân An communes before Tấn An; "phuc an" lists Phúc An before Phú Cần.
//  5. kind: provinces (current or pre-2025) before communes. A bare name that is or was a province name almost
//     always means the province ("Bình Phước", "Hoà Bình", "Bắc Kạn"); the same-named communes follow it.
//  6. via: current name (0), then alternative spelling or alias (1), then pre-2025 name (2). A current name is what
//     the unit is called today, so it wins; an alternative spelling is still the same unit's name; a pre-2025 name is
//     a historical name that may also be another unit's current name, so it comes last.
//  7. then shorter names (for prefixes), then name and code, so the order never depends on the data's order.
export interface Candidate {
  readonly entry: IndexEntry;
  readonly level: 0 | 1 | 2;
  readonly distance: number;
  readonly hint: 0 | 1;
  readonly loose: 0 | 1;
}

const VIA_RANK = { current: 0, 'alt-name': 1, 'pre-2025': 2 } as const;

/** A `found` or `ambiguous` result from exact or prefix candidates (at least one). */
export function ranked(candidates: Candidate[], limit: number): SearchResult {
  const sorted = sortCandidates(dedupe(candidates));
  const matches = sorted.slice(0, limit).map(toMatch);
  const [best] = sorted;
  // Prefix matches are a list to choose from, not competing readings of one name: always `found`.
  if (best === undefined || best.level !== 0) return { status: 'found', matches };
  const tied = sorted.filter((c) => sameRank(c, best));
  // The new units of one split old commune are one answer ("it became these"), not an ambiguity.
  const oneOldUnit = best.entry.old !== undefined && tied.every((c) => c.entry.old === best.entry.old);
  return tied.length > 1 && !oneOldUnit ? { status: 'ambiguous', matches } : { status: 'found', matches };
}

/** Scores one index entry reached by one reading of a query part; `level` 0 exact, 1 prefix, 2 near. */
export function candidate(
  entry: IndexEntry,
  part: QueryPart,
  reading: Reading,
  level: 0 | 1 | 2,
  distance: number,
): Candidate {
  const hint = reading.hint === undefined || reading.hint === entry.hint ? 0 : 1;
  let loose: boolean;
  if (level === 1) {
    // A half-typed last syllable may not have its tone yet ("Phú Quố" for Phú Quốc): prefixes compare letters only.
    loose =
      (part.accented && !toneless(entry.tone).startsWith(toneless(reading.tone))) ||
      !entry.spaced.startsWith(reading.spaced);
  } else {
    loose = (part.accented && entry.tone !== reading.tone) || entry.spaced !== reading.spaced;
  }
  return { entry, level, distance, hint, loose: loose ? 1 : 0 };
}

/** The best `limit` matches, one per unit. */
export function finish(candidates: readonly Candidate[], limit: number): Match[] {
  return sortCandidates(dedupe(candidates)).slice(0, limit).map(toMatch);
}

// One match per unit, keeping its best-ranked way of matching.
function dedupe(candidates: readonly Candidate[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const id = unitId(c.entry);
    const seen = best.get(id);
    if (seen === undefined || compareCandidates(c, seen) < 0) best.set(id, c);
  }
  return [...best.values()];
}

function sortCandidates(candidates: Candidate[]): Candidate[] {
  return candidates.sort(compareCandidates);
}

function sameRank(a: Candidate, b: Candidate): boolean {
  return compareRank(a, b) === 0;
}

// The numbered rank above, items 1–6, without allocating: sorting thousands of suggestions calls this often.
function compareRank(a: Candidate, b: Candidate): number {
  return (
    a.level - b.level ||
    a.distance - b.distance ||
    a.hint - b.hint ||
    a.loose - b.loose ||
    kindRank(a) - kindRank(b) ||
    VIA_RANK[a.entry.via] - VIA_RANK[b.entry.via]
  );
}

function kindRank(c: Candidate): number {
  return c.entry.unit.kind === 'province' ? 0 : 1;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  const rank = compareRank(a, b);
  if (rank !== 0) return rank;
  if (a.level === 1 && a.entry.key.length !== b.entry.key.length) return a.entry.key.length - b.entry.key.length;
  return compareText(fullNameOf(a.entry), fullNameOf(b.entry)) || compareText(unitId(a.entry), unitId(b.entry));
}

function toMatch(c: Candidate): Match {
  const { entry } = c;
  const quality: MatchQuality = c.level === 0 ? (c.loose === 0 ? 'exact' : 'loose') : c.level === 1 ? 'prefix' : 'near';
  const unit = entry.unit.kind === 'province' ? entry.unit.province : entry.unit.commune;
  const base: MatchBase = {
    kind: entry.unit.kind,
    code: unit.code,
    name: unit.name,
    fullName: unit.fullName,
    type: unit.type,
    province: entry.unit.kind === 'province' ? provinceRef(entry.unit.province) : entry.unit.commune.province,
    lat: unit.lat,
    lon: unit.lon,
    quality,
    matchedName: entry.matchedName,
  };
  if (entry.via === 'pre-2025' && entry.old !== undefined) return { ...base, via: 'pre-2025', old: entry.old };
  return { ...base, via: entry.via === 'alt-name' ? 'alt-name' : 'current' };
}

function fullNameOf(entry: IndexEntry): string {
  return entry.unit.kind === 'province' ? entry.unit.province.fullName : entry.unit.commune.fullName;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
