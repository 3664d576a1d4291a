import { describe, expect, it } from 'vitest';
import {
  getCommune,
  getProvince,
  listCommunes,
  listOldCommunes,
  listOldProvinces,
  listProvinces,
  localPlaceName,
  localUnitName,
} from '#src/features/admin-units/index.ts';

const commune = (code: string) => getCommune(code) ?? expect.fail(`no commune ${code}`);
const province = (code: string) => getProvince(code) ?? expect.fail(`no province ${code}`);

describe('place names in Vietnamese', () => {
  it('puts the type word first, commune then province', () => {
    expect(localPlaceName(commune('02086'), 'vi')).toBe('Xã Chợ Mới, Tỉnh Thái Nguyên');
  });

  it('is the full name for every commune', () => {
    const wrong = listCommunes().filter((c) => localUnitName(c, 'vi') !== c.fullName);
    expect(wrong).toEqual([]);
  });

  it('is the full name for every province', () => {
    const wrong = listProvinces().filter((p) => localPlaceName(p, 'vi') !== p.fullName);
    expect(wrong).toEqual([]);
  });
});

describe('place names in English', () => {
  it('names a xã a commune and a tỉnh a province', () => {
    expect(localPlaceName(commune('02086'), 'en')).toBe('Chợ Mới commune, Thái Nguyên province');
  });

  it('names a phường a ward and a centrally-run thành phố a City', () => {
    expect(localPlaceName(commune('26743'), 'en')).toBe('Bến Thành ward, Hồ Chí Minh City');
  });

  it('names a đặc khu a special zone', () => {
    expect(localPlaceName(commune('31078'), 'en')).toBe('Phú Quốc special zone, An Giang province');
  });

  it('keeps the Vietnamese name, diacritics included, where the source has an English one', () => {
    expect(localPlaceName(commune('20333'), 'en')).toBe('Hoàng Sa special zone, Đà Nẵng City');
  });

  it('names a province alone, without repeating it', () => {
    expect(localPlaceName(province('01'), 'en')).toBe('Hà Nội City');
  });

  it('leaves no Vietnamese type word in any current unit', () => {
    const typeWord = /\b(?:Tỉnh|Thành phố|Xã|Phường|Đặc khu)\b/u;
    const all = [...listProvinces(), ...listCommunes()].map((unit) => localPlaceName(unit, 'en'));
    expect(all.filter((name) => typeWord.test(name))).toEqual([]);
  });

  it('ends every commune with its English type and its province', () => {
    const pattern = /^.+ (?:commune|ward|special zone), .+ (?:province|City)$/u;
    expect(listCommunes().filter((c) => !pattern.test(localPlaceName(c, 'en')))).toEqual([]);
  });

  it('names a pre-2025 township, district and province', () => {
    const township = listOldCommunes().find((c) => c.type === 'Thị trấn') ?? expect.fail('no thị trấn');
    const district = listOldCommunes().find((c) => c.type === 'Huyện') ?? expect.fail('no huyện');
    const old = listOldProvinces().find((p) => p.name === 'Bắc Kạn') ?? expect.fail('no Bắc Kạn');
    expect([localUnitName(township, 'en'), localUnitName(district, 'en'), localUnitName(old, 'en')]).toEqual([
      `${township.name} township`,
      `${district.name} district`,
      'Bắc Kạn province',
    ]);
  });
});
