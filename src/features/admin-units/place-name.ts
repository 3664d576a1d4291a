/**
 * A unit's name as a reader of each language expects it. Vietnamese puts the type word first ("Xã Chợ Mới, Tỉnh Thái
 * Nguyên"); English keeps the Vietnamese name, diacritics included, and puts an English type word after it ("Chợ Mới
 * commune, Thái Nguyên province"), as Vietnamese official English does. A centrally-run city is "Hồ Chí Minh City",
 * as the statistics' place names are written (content lint rule `places`).
 */
import type { Lang } from '#src/i18n/index.ts';
import type { CommuneType, OldUnitType, ProvinceType } from './types.ts';

/** Every type word a current or pre-2025 unit carries. */
export type UnitTypeWord = ProvinceType | CommuneType | OldUnitType;

/** A unit's name in parts: the Vietnamese type word and the name without it. */
export interface UnitName {
  readonly type: UnitTypeWord;
  readonly name: string;
}

const ENGLISH_TYPE: Readonly<Record<UnitTypeWord, string>> = {
  Tỉnh: 'province',
  'Thành phố': 'City',
  Xã: 'commune',
  Phường: 'ward',
  'Đặc khu': 'special zone',
  'Thị trấn': 'township',
  Huyện: 'district',
};

/** A place in parts: a unit, and for a commune (or a pre-2025 commune or district) its province. */
export type PlaceName = UnitName & { readonly province?: UnitName };

/** One unit's name: "Xã Chợ Mới" in Vietnamese, "Chợ Mới commune" in English. */
export function localUnitName(unit: UnitName, lang: Lang): string {
  return lang === 'en' ? `${unit.name} ${ENGLISH_TYPE[unit.type]}` : `${unit.type} ${unit.name}`;
}

/**
 * A place as a page shows it: a commune with its province ("Xã Chợ Mới, Tỉnh Thái Nguyên" / "Chợ Mới commune, Thái
 * Nguyên province"), a province alone ("Thành phố Hà Nội" / "Hà Nội City").
 */
export function localPlaceName(unit: PlaceName, lang: Lang): string {
  const own = localUnitName(unit, lang);
  const { province } = unit;
  if (province === undefined || unit.type === 'Tỉnh' || unit.type === 'Thành phố') return own;
  return `${own}, ${localUnitName(province, lang)}`;
}
