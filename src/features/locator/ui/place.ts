/**
 * From what a person typed (or a link's exact code, or a rounded position) to the place a search starts from, or to
 * the choice the page must offer: several places share the name, a pre-2025 commune was split, or nothing matched
 * (with the nearest spellings). Uses `searchUnits` on the server; the autocomplete island is only a shortcut.
 */
import { getCommune, getProvince, searchUnits } from '#src/features/admin-units/index.ts';
import type { Commune, Match, PlaceName, Province } from '#src/features/admin-units/index.ts';
import type { LocatorQuery } from '#src/features/locator/search-params.ts';

/** A place people can pick: a link carries `q` (its name with province) and, for a commune, its exact code. */
export interface PlaceChoice {
  readonly kind: 'province' | 'commune';
  /** The place, named on the page in its language with `localPlaceName`. */
  readonly place: PlaceName;
  /** What the link puts in `q` (Vietnamese, as the search reads it). */
  readonly q: string;
  /** The commune code the link carries. */
  readonly commune: string | undefined;
}

/** A pre-2025 name and what it is now part of, named on the page with `localPlaceName`. */
export interface Renamed {
  /** Xã Khang Ninh, Tỉnh Bắc Kạn, or Tỉnh Bắc Kạn. */
  readonly old: PlaceName;
  /** Xã Ba Bể, Tỉnh Thái Nguyên, or Tỉnh Thái Nguyên. */
  readonly now: PlaceName;
}

/** Where the search starts. */
export type StartPlace =
  | { readonly kind: 'commune'; readonly commune: Commune }
  | { readonly kind: 'province'; readonly province: Province }
  | { readonly kind: 'position'; readonly lat: number; readonly lon: number };

/** What the place part of a query comes to. */
export type PlaceOutcome =
  /** Nothing to search yet (the empty form). */
  | { readonly kind: 'idle' }
  /** The place name was left empty while something else (a filter) was set. */
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'start';
      readonly start: StartPlace;
      readonly renamed: Renamed | undefined;
      /** Other places the same words found, offered as links. */
      readonly others: readonly PlaceChoice[];
    }
  /** Several places fit: `ambiguous` (one name, several units), `split` (an old commune became several), `prefix`. */
  | {
      readonly kind: 'choose';
      readonly why: 'ambiguous' | 'split' | 'prefix';
      readonly choices: readonly PlaceChoice[];
      /** The pre-2025 unit that was split. */
      readonly old: PlaceName | undefined;
    }
  | { readonly kind: 'not-found'; readonly suggestions: readonly PlaceChoice[] };

/**
 * Resolves the place of a checked query: an exact commune code first (a link or the autocomplete chose it), then the
 * typed name, then the position. A name wins over a position, so typing a new place after "use my location" searches
 * the new place.
 */
export function resolvePlace(query: LocatorQuery): PlaceOutcome {
  if (query.commune !== undefined) {
    const commune = getCommune(query.commune);
    if (commune !== undefined)
      return { kind: 'start', start: { kind: 'commune', commune }, renamed: undefined, others: [] };
  }
  if (query.q !== '') return resolveName(query.q, query.province);
  if (query.position !== undefined) {
    return { kind: 'start', start: { kind: 'position', ...query.position }, renamed: undefined, others: [] };
  }
  const anyFilter =
    query.service !== undefined || query.free || query.open || query.language !== undefined || query.age !== undefined;
  return anyFilter ? { kind: 'empty' } : { kind: 'idle' };
}

function resolveName(q: string, province: string | undefined): PlaceOutcome {
  // A preset province narrows the name first; a name that is not in it is looked for everywhere.
  const scoped = province === undefined ? undefined : searchUnits(q, { limit: 12, provinceCode: province });
  const result =
    scoped !== undefined && (scoped.status === 'found' || scoped.status === 'ambiguous')
      ? scoped
      : searchUnits(q, { limit: 12 });
  switch (result.status) {
    case 'invalid':
      // Only punctuation or spaces: the same as an empty field.
      return { kind: 'empty' };
    case 'not-found':
      return { kind: 'not-found', suggestions: distinct(result.suggestions).slice(0, 6).map(choiceOf) };
    case 'ambiguous':
      return { kind: 'choose', why: 'ambiguous', choices: distinct(result.matches).map(choiceOf), old: undefined };
    case 'found': {
      const matches = distinct(result.matches);
      const [first] = matches;
      if (first === undefined) return { kind: 'not-found', suggestions: [] };
      if (first.via === 'pre-2025' && first.old.splitInto > 1) {
        const parts = matches.filter(
          (match) =>
            match.via === 'pre-2025' && match.old.code === first.old.code && match.old.level === first.old.level,
        );
        return {
          kind: 'choose',
          why: 'split',
          choices: parts.map(choiceOf),
          old: first.old,
        };
      }
      if (first.quality === 'prefix' && matches.length > 1) {
        return { kind: 'choose', why: 'prefix', choices: matches.map(choiceOf), old: undefined };
      }
      const start = startOf(first);
      if (start === undefined) return { kind: 'not-found', suggestions: [] };
      return { kind: 'start', start, renamed: renamedOf(first), others: matches.slice(1, 6).map(choiceOf) };
    }
  }
}

function startOf(match: Match): StartPlace | undefined {
  if (match.kind === 'province') {
    const province = getProvince(match.code);
    return province === undefined ? undefined : { kind: 'province', province };
  }
  const commune = getCommune(match.code);
  return commune === undefined ? undefined : { kind: 'commune', commune };
}

function renamedOf(match: Match): Renamed | undefined {
  if (match.via !== 'pre-2025') return undefined;
  return { old: match.old, now: match };
}

/** One entry per unit, first match kept (search gives one per name that matched). */
function distinct(matches: readonly Match[]): Match[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const id = `${match.kind}:${match.code}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** A match as a link target. */
export function choiceOf(match: Pick<Match, 'kind' | 'code' | 'type' | 'name' | 'fullName' | 'province'>): PlaceChoice {
  const place: PlaceName = { type: match.type, name: match.name, province: match.province };
  if (match.kind === 'province') {
    return { kind: 'province', place, q: match.fullName, commune: undefined };
  }
  return {
    kind: 'commune',
    place,
    q: `${match.fullName}, ${match.province.name}`,
    commune: match.code,
  };
}
