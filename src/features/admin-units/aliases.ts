/**
 * Hand-kept names for provinces that the source data does not list but people type every day.
 *
 * Kept short on purpose: each entry needs a reason, because a wrong alias silently sends people to the wrong place.
 * Generic abbreviations ("HN", "ĐN") are left out: they are ambiguous (Đà Nẵng, Đồng Nai) and collide with prefix
 * search.
 */
import type { OldUnitRef } from './types.ts';

/** Another name for a current province; search reports it as `via: 'alt-name'`. */
export interface ProvinceAlias {
  readonly provinceCode: string;
  readonly alias: string;
}

/** A former name of a current province not in the pre-2025 mapping; search reports it as `via: 'pre-2025'`. */
export interface FormerProvinceName {
  readonly provinceCode: string;
  readonly alias: string;
  readonly old: OldUnitRef;
}

/** Common names of Hồ Chí Minh City that the official data does not carry. */
export const PROVINCE_ALIASES: readonly ProvinceAlias[] = [
  // "TP.HCM" / "TP HCM" is the abbreviation the city government and the national press use in running text; "tp" is
  // a type word, so "TP HCM" reaches the bare "HCM" entry, and "TPHCM" written as one word needs its own.
  { provinceCode: '79', alias: 'HCM' },
  { provinceCode: '79', alias: 'TPHCM' },
  { provinceCode: '79', alias: 'HCMC' },
  // The city's name until 1976 and still its everyday name. "Phường Sài Gòn" is also a current ward of the city:
  // search returns both, and both are in province 79.
  { provinceCode: '79', alias: 'Sài Gòn' },
];

/** Former province names that predate the 2025 mapping. */
export const FORMER_PROVINCE_NAMES: readonly FormerProvinceName[] = [
  // Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025, so the 2025 mapping already calls old
  // province 46 "Huế". The old name is still on most addresses and documents issued before that date.
  {
    provinceCode: '46',
    alias: 'Thừa Thiên Huế',
    old: {
      level: 'province',
      code: '46',
      fullName: 'Tỉnh Thừa Thiên Huế',
      provinceName: 'Tỉnh Thừa Thiên Huế',
      type: 'Tỉnh',
      name: 'Thừa Thiên Huế',
      province: { type: 'Tỉnh', name: 'Thừa Thiên Huế' },
      splitInto: 1,
    },
  },
];
