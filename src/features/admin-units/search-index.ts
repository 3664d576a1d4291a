/**
 * The normalized name index behind `searchUnits`: every current name, alternative spelling, alias and pre-2025 name,
 * keyed by its folded form. Built once, on the first search (0.1–0.2 s of CPU), then shared.
 */
import { FORMER_PROVINCE_NAMES, PROVINCE_ALIASES } from './aliases.ts';
import { compactKey, nameKeys, type TypeHint } from './normalize.ts';
import { listOldCommunes, listOldProvinces } from './old-units.ts';
import { getCommune, getProvince, listCommunes, listProvinces } from './units.ts';
import type { Commune, CommuneType, OldUnitRef, OldUnitType, Province } from './types.ts';

/** One name under which a unit can be found. A unit has one entry per name; a split old commune one per new unit. */
export interface IndexEntry {
  /** Folded name without spaces (see {@link compactKey}). */
  readonly key: string;
  /** Tone key without spaces, to compare accents when the query has them. */
  readonly tone: string;
  /** Folded name with its spaces, to rank "Phúc An" above "Phú Cần" for "phuc an" (both `phucan`). */
  readonly spaced: string;
  /** The name as written in the data, shown to say what matched. */
  readonly matchedName: string;
  readonly via: 'current' | 'alt-name' | 'pre-2025';
  /** The pre-2025 unit, for `via: 'pre-2025'`. */
  readonly old: OldUnitRef | undefined;
  readonly unit:
    | { readonly kind: 'province'; readonly province: Province }
    | { readonly kind: 'commune'; readonly commune: Commune };
  /** Current province of the unit, for narrowing by province. */
  readonly provinceCode: string;
  /** Pre-2025 provinces the unit (or the old unit it came from) covered, for narrowing by an old province name. */
  readonly oldProvinceCodes: readonly string[];
  /** The type word that names this entry's unit ("xã", "phường", "tỉnh"…), to rank a query's type word. */
  readonly hint: TypeHint;
}

/** Keys of one length, each with its {@link letterMask} at the same position. */
export interface KeyGroup {
  readonly keys: readonly string[];
  readonly masks: Int32Array;
}

/** The built index. */
export interface SearchIndex {
  readonly byKey: ReadonlyMap<string, readonly IndexEntry[]>;
  /** All keys in code-point order, for prefix search by binary search. */
  readonly sortedKeys: readonly string[];
  /** All keys grouped by length, so suggestions only compare names of about the query's length. */
  readonly keysByLength: ReadonlyMap<number, KeyGroup>;
}

/**
 * Which letters a key contains, one bit per letter a–z, one for any digit, one for anything else. Each letter one
 * string has and the other lacks needs at least one edit, so `popcount(a & ~b)` is a lower bound of the edit
 * distance: suggestions skip most names with two bit operations before computing a real distance.
 */
export function letterMask(key: string): number {
  let mask = 0;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    mask |= code >= 97 && code <= 122 ? 1 << (code - 97) : code >= 48 && code <= 57 ? 1 << 26 : 1 << 27;
  }
  return mask;
}

let index: SearchIndex | undefined;

/** The shared index, built on first use. */
export function searchIndex(): SearchIndex {
  index ??= buildIndex();
  return index;
}

const COMMUNE_HINTS: Readonly<Record<CommuneType, TypeHint>> = { Xã: 'xa', Phường: 'phuong', 'Đặc khu': 'dac-khu' };
const OLD_HINTS: Readonly<Record<OldUnitType, TypeHint>> = {
  Xã: 'xa',
  Phường: 'phuong',
  'Thị trấn': 'thi-tran',
  Huyện: 'district',
};

function buildIndex(): SearchIndex {
  const byKey = new Map<string, IndexEntry[]>();
  // Many old names repeat (24 "Tân Lập", hundreds of "Phường 1"): fold each distinct name once.
  const keysOfName: KeyCache = new Map();
  // Plain arguments rather than spread objects: this runs about 15,000 times, once, before the code is optimized.
  const add = (
    name: string,
    via: IndexEntry['via'],
    old: OldUnitRef | undefined,
    unit: IndexEntry['unit'],
    provinceCode: string,
    oldProvinceCodes: readonly string[],
    hint: TypeHint,
  ): void => {
    const [key, tone, spaced] = keysOf(name, keysOfName);
    if (key === '') return;
    const entry: IndexEntry = {
      key,
      tone,
      spaced,
      matchedName: name,
      via,
      old,
      unit,
      provinceCode,
      oldProvinceCodes,
      hint,
    };
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [entry]);
    else list.push(entry);
  };

  const oldProvinces = listOldProvinces();
  const oldCommunes = listOldCommunes();
  // Which old provinces each current commune was made from, so "Tân Phú, Bình Phước" can keep only the Tân Phú
  // that was in Bình Phước before the merger.
  const oldProvincesOfCommune = new Map<string, string[]>();
  for (const old of oldCommunes) {
    for (const code of old.newCommuneCodes) {
      const list = oldProvincesOfCommune.get(code);
      if (list === undefined) oldProvincesOfCommune.set(code, [old.province.code]);
      else if (!list.includes(old.province.code)) list.push(old.province.code);
    }
  }

  for (const province of listProvinces()) {
    const unit = { kind: 'province', province } as const;
    const olds = oldProvinces.filter((o) => o.newProvinceCode === province.code).map((o) => o.code);
    add(province.name, 'current', undefined, unit, province.code, olds, 'province');
    for (const alt of alternatives(province, keysOfName)) {
      add(alt, 'alt-name', undefined, unit, province.code, olds, 'province');
    }
    for (const alias of PROVINCE_ALIASES) {
      if (alias.provinceCode === province.code)
        add(alias.alias, 'alt-name', undefined, unit, province.code, olds, 'province');
    }
    for (const former of FORMER_PROVINCE_NAMES) {
      if (former.provinceCode !== province.code) continue;
      add(former.alias, 'pre-2025', former.old, unit, province.code, [former.old.code], 'province');
    }
  }

  for (const commune of listCommunes()) {
    const unit = { kind: 'commune', commune } as const;
    const olds = (oldProvincesOfCommune.get(commune.code) ?? []).sort();
    const hint = COMMUNE_HINTS[commune.type];
    add(commune.name, 'current', undefined, unit, commune.provinceCode, olds, hint);
    for (const alt of alternatives(commune, keysOfName)) {
      add(alt, 'alt-name', undefined, unit, commune.provinceCode, olds, hint);
    }
  }

  for (const old of oldProvinces) {
    const province = getProvince(old.newProvinceCode);
    if (province === undefined) continue;
    const ref: OldUnitRef = {
      level: 'province',
      code: old.code,
      fullName: old.fullName,
      provinceName: old.fullName,
      type: old.type,
      name: old.name,
      province: { type: old.type, name: old.name },
      splitInto: 1,
    };
    add(old.name, 'pre-2025', ref, { kind: 'province', province }, province.code, [old.code], 'province');
  }

  for (const old of oldCommunes) {
    const ref: OldUnitRef = {
      level: old.level,
      code: old.code,
      fullName: old.fullName,
      provinceName: old.province.fullName,
      type: old.type,
      name: old.name,
      province: { type: old.province.type, name: old.province.name },
      splitInto: old.newCommuneCodes.length,
    };
    const olds = [old.province.code];
    for (const code of old.newCommuneCodes) {
      const commune = getCommune(code);
      if (commune === undefined) continue;
      add(old.name, 'pre-2025', ref, { kind: 'commune', commune }, commune.provinceCode, olds, OLD_HINTS[old.type]);
    }
  }

  const sortedKeys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keyLists = new Map<number, string[]>();
  for (const key of sortedKeys) {
    const list = keyLists.get(key.length) ?? [];
    list.push(key);
    keyLists.set(key.length, list);
  }
  const keysByLength = new Map<number, KeyGroup>();
  for (const [length, keys] of keyLists) keysByLength.set(length, { keys, masks: Int32Array.from(keys, letterMask) });
  return { byKey, sortedKeys, keysByLength };
}

// Alternative spellings and the English name, where they differ from the name in more than tone-mark placement
// ("Phó Bảng" for Phố Bảng, "Paracel" for Hoàng Sa). "Khánh Hòa" or "Hanoi" need no entry: they meet the name's own.
function alternatives(unit: Province | Commune, cache: KeyCache): string[] {
  const [key, tone] = keysOf(unit.name, cache);
  return [...unit.altNames, unit.nameEn].filter((alt) => {
    const [altKey, altTone] = keysOf(alt, cache);
    return altKey !== key || (altTone !== tone && altTone !== altKey);
  });
}

type NameKeys = readonly [key: string, tone: string, spaced: string];
type KeyCache = Map<string, NameKeys>;

function keysOf(name: string, cache: KeyCache): NameKeys {
  let keys = cache.get(name);
  if (keys === undefined) {
    const { folded, tone } = nameKeys(name);
    keys = [compactKey(folded), compactKey(tone), folded];
    cache.set(name, keys);
  }
  return keys;
}

/** The kind and code of the unit an entry leads to; two entries with the same value lead to the same unit. */
export function unitId(entry: IndexEntry): string {
  return entry.unit.kind === 'province' ? `p${entry.unit.province.code}` : `c${entry.unit.commune.code}`;
}
