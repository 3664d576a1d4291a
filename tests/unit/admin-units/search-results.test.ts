import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, searchUnits } from '#src/features/admin-units/index.ts';
import { ids, matchesOf } from './helpers.ts';

describe('search results', () => {
  it('calls a name shared by several communes ambiguous', () => {
    expect(searchUnits('Tân Phú').status).toBe('ambiguous');
  });

  // communes.json: six current units are named Tân Phú.
  it('lists every commune sharing the name, with its province', () => {
    const matches = matchesOf(searchUnits('Tân Phú')).filter((m) => m.via === 'current');
    expect(matches.map((m) => `${m.fullName} — ${m.province.name}`).sort()).toEqual([
      'Phường Tân Phú — Hồ Chí Minh',
      'Phường Tân Phú — Đồng Nai',
      'Xã Tân Phú — Nghệ An',
      'Xã Tân Phú — Tây Ninh',
      'Xã Tân Phú — Vĩnh Long',
      'Xã Tân Phú — Đồng Tháp',
    ]);
  });

  it('puts the communes of the type named in the query first', () => {
    const matches = matchesOf(searchUnits('xã Tân Phú'));
    expect(matches.slice(0, 4).every((m) => m.type === 'Xã')).toBe(true);
  });

  it('lists the province before communes of the same name', () => {
    expect(ids(matchesOf(searchUnits('Quảng Ninh')))[0]).toBe('province:22');
  });

  it('ranks a current name above a pre-2025 name', () => {
    const [first, second] = matchesOf(searchUnits('Tân Phú, Đồng Nai'));
    expect([first?.via, second?.via]).toEqual(['current', 'pre-2025']);
  });

  it('ranks names with the accents typed above names that only match without them', () => {
    const [first] = matchesOf(searchUnits('Phương Sơn'));
    expect(first?.matchedName).toBe('Phương Sơn');
  });

  // "Cà Thành" and old "Cát Hanh" fold to the same letters; the spacing typed decides.
  it('ranks the name spaced as typed first', () => {
    expect(matchesOf(searchUnits('cat hanh'))[0]?.matchedName).toBe('Cát Hanh');
  });

  it('says not-found for a name that does not exist', () => {
    expect(searchUnits('Xyzabc').status).toBe('not-found');
  });

  it('suggests the nearest spelling for a near miss', () => {
    const result = searchUnits('Phu Quooc');
    expect(result.status === 'not-found' && result.suggestions[0]).toMatchObject({ code: '31078', quality: 'near' });
  });

  it('suggests the same name in other provinces when the province named has none', () => {
    const result = searchUnits('Phú Quốc, Hà Nội');
    expect(result.status === 'not-found' && result.suggestions.map((s) => s.code)).toContain('31078');
  });

  it('refuses an empty query', () => {
    expect(searchUnits('')).toEqual({ status: 'invalid', reason: 'empty' });
  });

  it('refuses a query of spaces and punctuation', () => {
    expect(searchUnits(' , ; ')).toEqual({ status: 'invalid', reason: 'empty' });
  });

  it('refuses a query over 100 characters', () => {
    expect(searchUnits('a'.repeat(MAX_QUERY_LENGTH + 1))).toEqual({ status: 'invalid', reason: 'too-long' });
  });

  it('accepts a query of exactly 100 characters', () => {
    expect(searchUnits('a'.repeat(MAX_QUERY_LENGTH)).status).not.toBe('invalid');
  });

  it('returns at most the limit asked for', () => {
    expect(matchesOf(searchUnits('tan', { limit: 3 }))).toHaveLength(3);
  });

  it('keeps only the province asked for', () => {
    expect(matchesOf(searchUnits('Tân Phú', { provinceCode: '79' })).every((m) => m.province.code === '79')).toBe(true);
  });

  it('finds the one current unit of that name in the province asked for', () => {
    expect(ids(matchesOf(searchUnits('Tân Phú', { provinceCode: '79' })))[0]).toBe('commune:27031');
  });

  it('lists the same-named old units after the current ones', () => {
    const vias = matchesOf(searchUnits('Tân Phú')).map((m) => m.via);
    expect(vias.indexOf('pre-2025')).toBeGreaterThan(vias.lastIndexOf('current'));
  });

  it('gives the same answer twice', () => {
    expect(searchUnits('Hoà Bình')).toEqual(searchUnits('Hòa Bình'));
  });
});
