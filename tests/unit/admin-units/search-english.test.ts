import { describe, expect, it } from 'vitest';
import {
  listCommunes,
  listProvinces,
  localPlaceName,
  searchUnits,
  stripTypeWord,
  toAscii,
  type SearchResult,
} from '#src/features/admin-units/index.ts';
import { firstFound, ids, matchesOf } from './helpers.ts';

// English pages name places in English word order ("Chợ Mới commune, Thái Nguyên province", "Hồ Chí Minh City"), and
// English readers type them that way. The English type words are read like the Vietnamese ones: a hint, stripped.

const unitKind = (unit: { readonly code: string }) => (unit.code.length === 2 ? 'province' : 'commune');

/** What a result says, to compare an English query with its Vietnamese twin. */
function summary(result: SearchResult): string {
  if (result.status === 'invalid') return 'invalid';
  if (result.status === 'not-found') return `not-found ${result.suggestions.map((m) => m.code).join(' ')}`;
  return `${result.status} ${ids(result.matches).join(' ')}`;
}

describe('English type words', () => {
  it.each([
    ['Cho Moi commune', 'xa cho moi'],
    ['Ba Be commune, Thai Nguyen province', 'xa ba be, tinh thai nguyen'],
    ['Ba Dinh ward', 'phuong ba dinh'],
    ['Phu Quoc special zone', 'dac khu phu quoc'],
    ['Ho Chi Minh City', 'thanh pho ho chi minh'],
    ['Thai Nguyen province', 'tinh thai nguyen'],
    ['Bac Kan province', 'tinh bac kan'],
    ['Cho Moi district', 'huyen cho moi'],
    ['Cho Moi township', 'thi tran cho moi'],
  ])('reads "%s" as "%s"', (english, vietnamese) => {
    const result = searchUnits(english);
    expect(result.status).not.toBe('not-found');
    expect(summary(result)).toBe(summary(searchUnits(vietnamese)));
  });

  it('finds the unit each query names', () => {
    expect(matchesOf(searchUnits('Cho Moi commune')).map((m) => m.code)).toContain('02086');
    expect(firstFound(searchUnits('Ba Be commune, Thai Nguyen province')).code).toBe('01906');
    expect(firstFound(searchUnits('Ba Dinh ward')).code).toBe('00004');
    expect(firstFound(searchUnits('Phu Quoc special zone')).code).toBe('31078');
    expect(firstFound(searchUnits('Ho Chi Minh City'))).toMatchObject({ kind: 'province', code: '79' });
    expect(firstFound(searchUnits('Thai Nguyen province'))).toMatchObject({ kind: 'province', code: '19' });
    const bacKan = firstFound(searchUnits('Bac Kan province'));
    expect(bacKan).toMatchObject({ kind: 'province', code: '19', via: 'pre-2025' });
  });

  it('reads them in any case, before or after the name, with or without a comma', () => {
    for (const q of ['BA DINH WARD', 'ward Ba Dinh', 'Ward ba đình', 'Ba Đình Ward']) {
      expect(firstFound(searchUnits(q)).code, q).toBe('00004');
    }
    for (const q of [
      'Ba Be commune Thai Nguyen province',
      'Ba Be commune, Thai Nguyen',
      'Ba Be, Thai Nguyen province',
      'commune Ba Be, province Thai Nguyen',
      'ba be COMMUNE thai nguyen',
    ]) {
      expect(firstFound(searchUnits(q)).code, q).toBe('01906');
    }
    expect(firstFound(searchUnits('city Ho Chi Minh'))).toMatchObject({ kind: 'province', code: '79' });
  });

  it('finds the unit from its English name as English pages print it, with and without accents', () => {
    expect(firstFound(searchUnits('Chợ Mới commune, Thái Nguyên province')).code).toBe('02086');
    expect(firstFound(searchUnits('Hồ Chí Minh City'))).toMatchObject({ kind: 'province', code: '79' });
    expect(firstFound(searchUnits('Phú Quốc special zone, An Giang province')).code).toBe('31078');
  });

  it('finds every current unit by its English place name, and by that name without accents', () => {
    const missed: string[] = [];
    for (const unit of [...listProvinces(), ...listCommunes()]) {
      const name = localPlaceName(unit, 'en');
      for (const q of [name, toAscii(name)]) {
        // A name typed without accents can be two names of one province (Văn Lang and Văn Lãng; Thanh An and Thạnh
        // An): then the unit is among the choices, as with the Vietnamese name.
        const result = searchUnits(q);
        const found =
          result.status === 'found' ? result.matches.slice(0, 1) : result.status === 'ambiguous' ? result.matches : [];
        if (!found.some((match) => match.kind === unitKind(unit) && match.code === unit.code)) {
          missed.push(`${q} -> ${summary(result)}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('strips an English type word and says what it named', () => {
    expect(stripTypeWord('Chợ Mới commune')).toMatchObject({ key: 'cho moi', hint: 'xa' });
    expect(stripTypeWord('ward Ba Dinh')).toMatchObject({ key: 'ba dinh', hint: 'phuong' });
    expect(stripTypeWord('Phu Quoc Special Zone')).toMatchObject({ key: 'phu quoc', hint: 'dac-khu' });
    expect(stripTypeWord('Hồ Chí Minh City')).toMatchObject({ key: 'ho chi minh', hint: 'province' });
    expect(stripTypeWord('Cho Moi township')).toMatchObject({ key: 'cho moi', hint: 'thi-tran' });
    expect(stripTypeWord('District 1')).toMatchObject({ key: '1', hint: 'district' });
    expect(stripTypeWord('province')).toBeUndefined();
  });
});
