import { describe, expect, it } from 'vitest';
import { searchUnits } from '#src/features/admin-units/index.ts';
import { firstFound } from './helpers.ts';

// Codes below are read from ../shared/data/vn-admin-2025/communes.json and provinces.json.
describe('searching current names', () => {
  it('finds Phú Quốc with accents', () => {
    expect(firstFound(searchUnits('Phú Quốc'))).toMatchObject({
      kind: 'commune',
      code: '31078',
      via: 'current',
      quality: 'exact',
    });
  });

  it('finds Phú Quốc without accents', () => {
    expect(firstFound(searchUnits('phu quoc')).code).toBe('31078');
  });

  it('finds Phú Quốc in capitals', () => {
    expect(firstFound(searchUnits('PHU QUOC')).code).toBe('31078');
  });

  it('gives the province of a commune match', () => {
    expect(firstFound(searchUnits('Phú Quốc')).province).toEqual({
      code: '91',
      name: 'An Giang',
      fullName: 'Tỉnh An Giang',
      type: 'Tỉnh',
    });
  });

  it('gives the point of a match', () => {
    const match = firstFound(searchUnits('Phú Quốc'));
    expect([match.lat, match.lon]).toEqual([expect.closeTo(10.2, 0), expect.closeTo(104, 0)]);
  });

  it('finds a unit written Hoà when searched as Hòa', () => {
    expect(firstFound(searchUnits('Khánh Hòa'))).toMatchObject({ kind: 'province', code: '56', name: 'Khánh Hoà' });
  });

  it('finds a unit written Thuỷ when searched as Thủy', () => {
    expect(firstFound(searchUnits('Thủy Nguyên'))).toMatchObject({
      code: '11560',
      name: 'Thuỷ Nguyên',
      quality: 'exact',
    });
  });

  it('finds a unit by an alternative spelling from the source', () => {
    expect(firstFound(searchUnits('Phó Bảng'))).toMatchObject({ code: '00745', name: 'Phố Bảng', via: 'alt-name' });
  });

  it('finds Đà Nẵng as a province', () => {
    expect(firstFound(searchUnits('Đà Nẵng'))).toMatchObject({ kind: 'province', code: '48' });
  });

  it('finds Thành phố Hồ Chí Minh by its full name', () => {
    expect(firstFound(searchUnits('Thành phố Hồ Chí Minh'))).toMatchObject({
      kind: 'province',
      code: '79',
      via: 'current',
    });
  });

  it('finds Hồ Chí Minh City by "TP HCM"', () => {
    expect(firstFound(searchUnits('TP HCM'))).toMatchObject({ kind: 'province', code: '79', via: 'alt-name' });
  });

  it('finds Hồ Chí Minh City by "tp.hcm"', () => {
    expect(firstFound(searchUnits('tp.hcm')).code).toBe('79');
  });

  it('finds Hồ Chí Minh City by "HCM"', () => {
    expect(firstFound(searchUnits('HCM')).code).toBe('79');
  });

  it('finds Hồ Chí Minh City first for "Sài Gòn", then the ward of that name', () => {
    const result = searchUnits('Sài Gòn');
    expect(result.status === 'found' && result.matches.map((m) => `${m.kind}:${m.code}`)).toEqual([
      'province:79',
      'commune:26740',
    ]);
  });

  it('finds Hà Nội by its English spelling "Hanoi"', () => {
    expect(firstFound(searchUnits('Hanoi'))).toMatchObject({ kind: 'province', code: '01' });
  });

  it('finds Hoàng Sa by its English name', () => {
    expect(firstFound(searchUnits('Paracel'))).toMatchObject({ code: '20333', via: 'alt-name' });
  });

  it('finds a province by its name written without spaces', () => {
    expect(firstFound(searchUnits('Daklak'))).toMatchObject({ kind: 'province', code: '66' });
  });

  it('does not read "Tịnh Biên" as "tỉnh" + "Biên"', () => {
    expect(firstFound(searchUnits('Tịnh Biên'))).toMatchObject({ kind: 'commune', name: 'Tịnh Biên' });
  });

  it('finds "tinh bien" without accents too', () => {
    expect(firstFound(searchUnits('tinh bien')).name).toBe('Tịnh Biên');
  });

  it('finds names by their beginning', () => {
    expect(firstFound(searchUnits('Phú Quố'))).toMatchObject({ code: '31078', quality: 'prefix' });
  });
});
