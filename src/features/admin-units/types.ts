/** Province-level types since 1 July 2025: 27 provinces and 7 centrally-run cities (Đồng Nai since 30 April 2026). */
export type ProvinceType = 'Tỉnh' | 'Thành phố';
/** English labels of {@link ProvinceType}, in the same order. */
export type ProvinceTypeEn = 'province' | 'city';
/** Commune-level types: 2,611 xã, 697 phường, 13 đặc khu. */
export type CommuneType = 'Xã' | 'Phường' | 'Đặc khu';
/** English labels of {@link CommuneType}, in the same order. */
export type CommuneTypeEn = 'commune' | 'ward' | 'special-zone';

/**
 * A point inside the unit (WGS 84, 5 decimals). It is an interior point computed from the boundary (derived from
 * sapnhap.bando.com.vn, credit required), good for a marker or a distance, not an official seat location.
 */
export interface Point {
  readonly lat: number;
  readonly lon: number;
}

/** The short reference to a province that communes and search matches carry. */
export interface ProvinceRef {
  /** Two-digit GSO code, e.g. `"19"`. */
  readonly code: string;
  /** Name without type word, e.g. `"Thái Nguyên"`. */
  readonly name: string;
  /** Name with type word, e.g. `"Tỉnh Thái Nguyên"`. */
  readonly fullName: string;
  /** Its type word, e.g. `"Tỉnh"`. */
  readonly type: ProvinceType;
}

/** One of the 34 provinces or centrally-run cities. */
export interface Province extends ProvinceRef, Point {
  readonly typeEn: ProvinceTypeEn;
  /** English name as the source gives it, e.g. `"Hanoi"`, `"Thanh Hoa"`. */
  readonly nameEn: string;
  /** Other spellings of `name`, mostly tone-mark placement (`Khánh Hòa` beside `Khánh Hoà`). Often empty. */
  readonly altNames: readonly string[];
  /** Names of the pre-2025 provinces merged into this one, e.g. `["Bắc Kạn", "Thái Nguyên"]`. */
  readonly mergedFrom: readonly string[];
}

/** One of the 3,321 commune-level units. */
export interface Commune extends Point {
  /** Five-digit GSO code, e.g. `"01906"`. */
  readonly code: string;
  /** Name without type word, e.g. `"Ba Bể"`. */
  readonly name: string;
  /** Name with type word, e.g. `"Xã Ba Bể"`. */
  readonly fullName: string;
  readonly type: CommuneType;
  readonly typeEn: CommuneTypeEn;
  /** English name: the name without accents, except `Paracel` (Hoàng Sa) and `Spratly` (Trường Sa). */
  readonly nameEn: string;
  /** Other spellings of `name`, mostly tone-mark placement. Often empty. */
  readonly altNames: readonly string[];
  readonly provinceCode: string;
  readonly province: ProvinceRef;
}

/** Level of a pre-2025 unit: a commune, a province, or one of the five island districts that had no communes. */
export type OldUnitLevel = 'province' | 'district' | 'commune';

/** The pre-2025 unit a `pre-2025` search match came from. */
export interface OldUnitRef {
  readonly level: OldUnitLevel;
  /** Its pre-2025 GSO code. Codes were reused: never compare it with current codes. */
  readonly code: string;
  /** Its name with type word, e.g. `"Xã Khang Ninh"` or `"Tỉnh Bắc Kạn"`. */
  readonly fullName: string;
  /** Its pre-2025 province with type word, e.g. `"Tỉnh Bắc Kạn"` (for an old province, itself). */
  readonly provinceName: string;
  /** Its type word, e.g. `"Xã"` or `"Tỉnh"`. */
  readonly type: ProvinceType | OldUnitType;
  /** Its name without type word, e.g. `"Khang Ninh"`. */
  readonly name: string;
  /** Its pre-2025 province in parts (for an old province, itself). */
  readonly province: { readonly type: ProvinceType; readonly name: string };
  /** How many new units it became: more than 1 when it was split between several communes. */
  readonly splitInto: number;
}

/**
 * How closely the query matched:
 * - `exact`: same name, ignoring case, punctuation, tone-mark placement, and accents the person did not type;
 * - `loose`: same letters, but the accents typed or the spacing differ ("Tấn Phú" for Tân Phú, "Hanoi" for Hà Nội);
 * - `prefix`: the query is the beginning of the name;
 * - `near`: a different spelling a small edit distance away (only in `not-found` suggestions).
 */
export type MatchQuality = 'exact' | 'loose' | 'prefix' | 'near';

/** What every search match says, whatever it matched by. */
export interface MatchBase extends Point {
  readonly kind: 'province' | 'commune';
  readonly code: string;
  readonly name: string;
  readonly fullName: string;
  readonly type: ProvinceType | CommuneType;
  /** The unit's province; for a province, itself. */
  readonly province: ProvinceRef;
  readonly quality: MatchQuality;
  /** The name that matched: the current name, the alternative spelling, or the pre-2025 full name. */
  readonly matchedName: string;
}

/** Matched by its current name. */
export interface CurrentNameMatch extends MatchBase {
  readonly via: 'current';
}

/** Matched by an alternative spelling, its English name, or a common alias ("TP HCM", "Sài Gòn"). */
export interface AltNameMatch extends MatchBase {
  readonly via: 'alt-name';
}

/** Matched by a pre-2025 name; the unit is what that old unit became (one of several if it was split). */
export interface OldNameMatch extends MatchBase {
  readonly via: 'pre-2025';
  readonly old: OldUnitRef;
}

/** A unit found by `searchUnits`, with the reason it matched in `via`. */
export type Match = CurrentNameMatch | AltNameMatch | OldNameMatch;

/** Options of `searchUnits`. */
export interface SearchOptions {
  /** Most matches or suggestions to return; default 10, at most 100. */
  readonly limit?: number;
  /** Only units in this current province (two-digit code). */
  readonly provinceCode?: string;
}

/** Why a query was refused without searching. */
export type InvalidReason = 'empty' | 'too-long';

/**
 * The answer of `searchUnits`:
 * - `found`: one or more matches; when the first is an exact match, it is the only one of its rank;
 * - `ambiguous`: several different units share the best-ranked name (each carries its province for a list);
 * - `not-found`: nothing by that name, with the nearest spellings as suggestions (possibly none);
 * - `invalid`: the query was empty or longer than 100 characters.
 */
export type SearchResult =
  | { readonly status: 'found'; readonly matches: readonly Match[] }
  | { readonly status: 'ambiguous'; readonly matches: readonly Match[] }
  | { readonly status: 'not-found'; readonly suggestions: readonly Match[] }
  | { readonly status: 'invalid'; readonly reason: InvalidReason };

/** A pre-2025 province (63 of them) and the current province it became part of. */
export interface OldProvince {
  /** Pre-2025 two-digit code. Reused: old 15 was Yên Bái, new 15 is Lào Cai. */
  readonly code: string;
  /** e.g. `"Bắc Kạn"`. */
  readonly name: string;
  /** e.g. `"Tỉnh Bắc Kạn"`. */
  readonly fullName: string;
  /** Its type word: `"Tỉnh"`, or `"Thành phố"` for the five centrally-run cities of the time. */
  readonly type: ProvinceType;
  /** The current province's code, e.g. `"19"`. */
  readonly newProvinceCode: string;
}

/** Type words of pre-2025 units in the mapping. */
export type OldUnitType = 'Xã' | 'Phường' | 'Thị trấn' | 'Huyện';

/**
 * A pre-2025 commune (or one of the five island districts that had none) and the current commune(s) it became.
 * The source does not say which district a commune was in.
 */
export interface OldCommune {
  /** Pre-2025 code: five digits for a commune, three for an island district. Reused by new units: never join by it. */
  readonly code: string;
  readonly level: 'commune' | 'district';
  readonly type: OldUnitType;
  readonly name: string;
  readonly fullName: string;
  readonly province: OldProvince;
  /** Codes of the current communes it became; more than one when it was split. All are in `province.newProvinceCode`. */
  readonly newCommuneCodes: readonly string[];
}
