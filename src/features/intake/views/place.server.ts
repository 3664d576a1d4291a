/**
 * The place of a request, from what the form carries: a commune chosen in a list (`commune`, a code), the name typed
 * (`q`, searched with the administrative units, pre-2025 names included), or a rounded position (`lat`/`lon`, from
 * "use my location"). A chosen code counts only when it is one of the places the typed name finds (so a stale choice
 * never beats a newly typed name); a typed name wins over a position.
 *
 * When the name is ambiguous, the page asks the person to choose among the candidates, each with its province; when
 * nothing matches, it offers the nearest spellings. Only communes can receive a request: a province alone is refused.
 */
import {
  getCommune,
  getProvince,
  localPlaceName,
  localUnitName,
  searchUnits,
  type Commune,
  type Match,
  type PlaceName,
} from '#src/features/admin-units/index.ts';
import type { Lang } from '#src/i18n/index.ts';
import { communeAt } from '#src/features/admin-units/nearest-commune.ts';

/** One commune the person may choose. */
export interface PlaceChoice {
  /** Five-digit code (the radio's value). */
  readonly code: string;
  /** The commune with its province, named on the page with `localPlaceName`. */
  readonly place: PlaceName;
  /** The pre-2025 unit the words matched, when they matched an old name: Xã Tân Phú, Tỉnh Bình Phước. */
  readonly formerly: PlaceName | undefined;
}

/** What the place fields come to. */
export type PlaceResolution =
  /** Nothing given: the schema's "choose a commune" error. */
  | { readonly kind: 'none' }
  | { readonly kind: 'commune'; readonly commune: Commune; readonly renamedFrom: PlaceName | undefined }
  /** A rounded position; `commune` is where it falls (undefined: none near, the schema says so). */
  | { readonly kind: 'position'; readonly lat: string; readonly lon: string; readonly commune: Commune | undefined }
  | { readonly kind: 'choose'; readonly q: string; readonly choices: readonly PlaceChoice[] }
  | { readonly kind: 'not-found'; readonly q: string; readonly suggestions: readonly PlaceChoice[] }
  | { readonly kind: 'province-only'; readonly q: string; readonly provinceName: string }
  | { readonly kind: 'too-long' };

/** The raw place fields of the form. */
export interface PlaceFields {
  readonly q: string;
  readonly commune: string;
  readonly lat: string;
  readonly lon: string;
}

/** Resolves the place fields. Pure apart from the (in-memory) administrative units. */
export function resolvePlace(fields: PlaceFields): PlaceResolution {
  const q = fields.q.trim();
  const code = fields.commune.trim();
  if (q === '') {
    if (code !== '') {
      const commune = /^\d{5}$/.test(code) ? getCommune(code) : undefined;
      if (commune !== undefined) return { kind: 'commune', commune, renamedFrom: undefined };
    }
    const lat = fields.lat.trim();
    const lon = fields.lon.trim();
    if (lat !== '' || lon !== '') return { kind: 'position', lat, lon, commune: positionCommune(lat, lon) };
    return { kind: 'none' };
  }

  const result = searchUnits(q, { limit: 12 });
  if (result.status === 'invalid') return result.reason === 'too-long' ? { kind: 'too-long' } : { kind: 'none' };
  const found = result.status === 'not-found' ? result.suggestions : result.matches;
  const communes = distinctCommunes(found);
  // A choice made in the list (or the autocomplete) for these very words.
  const chosen = code === '' ? undefined : communes.find((match) => match.code === code);
  if (chosen !== undefined) {
    const commune = getCommune(chosen.code);
    if (commune !== undefined) return { kind: 'commune', commune, renamedFrom: renamedFrom(chosen) };
  }

  switch (result.status) {
    case 'not-found':
      return { kind: 'not-found', q, suggestions: communes.slice(0, 6).map(choiceOf) };
    case 'ambiguous':
      return askOrRefuse(q, communes, found);
    case 'found': {
      const [first] = found;
      if (first === undefined) return { kind: 'not-found', q, suggestions: [] };
      if (first.kind === 'province') return { kind: 'province-only', q, provinceName: first.fullName };
      // A pre-2025 commune split between several new ones, or several names starting with the words: ask.
      const split = first.via === 'pre-2025' && first.old.splitInto > 1;
      if ((split || first.quality === 'prefix') && communes.length > 1)
        return { kind: 'choose', q, choices: communes.map(choiceOf) };
      const commune = getCommune(first.code);
      return commune === undefined
        ? { kind: 'not-found', q, suggestions: [] }
        : { kind: 'commune', commune, renamedFrom: renamedFrom(first) };
    }
  }
}

function askOrRefuse(q: string, communes: readonly Match[], found: readonly Match[]): PlaceResolution {
  if (communes.length > 0) return { kind: 'choose', q, choices: communes.map(choiceOf) };
  const province = found.find((match) => match.kind === 'province');
  return province === undefined
    ? { kind: 'not-found', q, suggestions: [] }
    : { kind: 'province-only', q, provinceName: province.fullName };
}

/** The commune a rounded position falls in, when the two fields are numbers. */
function positionCommune(lat: string, lon: string): Commune | undefined {
  const pattern = /^-?\d{1,3}(?:\.\d{1,12})?$/;
  if (!pattern.test(lat) || !pattern.test(lon)) return undefined;
  return communeAt(Number(lat), Number(lon));
}

function distinctCommunes(matches: readonly Match[]): Match[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    if (match.kind !== 'commune' || seen.has(match.code)) return false;
    seen.add(match.code);
    return true;
  });
}

function choiceOf(match: Match): PlaceChoice {
  return {
    code: match.code,
    place: { type: match.type, name: match.name, province: match.province },
    formerly: renamedFrom(match),
  };
}

/** Xã Khang Ninh, Tỉnh Bắc Kạn, when the name found was a pre-2025 one. */
function renamedFrom(match: Match): PlaceName | undefined {
  return match.via === 'pre-2025' ? match.old : undefined;
}

/** "Phường Ba Đình, Thành phố Hà Nội" / "Ba Đình ward, Hà Nội City". */
export function communeLabel(commune: Commune, lang: Lang): string {
  return localPlaceName(commune, lang);
}

/** The province's name for a code in the page's language, or the code itself. */
export function provinceLabel(code: string | null, lang: Lang): string {
  if (code === null) return '';
  const province = getProvince(code);
  return province === undefined ? code : localUnitName(province, lang);
}
