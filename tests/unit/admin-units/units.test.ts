import { describe, expect, it } from 'vitest';
import { getCommune, getProvince, listCommunes, listProvinces } from '#src/features/admin-units/index.ts';

describe('administrative units', () => {
  it('has 34 provinces', () => {
    expect(listProvinces()).toHaveLength(34);
  });

  it('has 3,321 communes', () => {
    expect(listCommunes()).toHaveLength(3321);
  });

  it('has 2,611 xã', () => {
    expect(listCommunes().filter((c) => c.type === 'Xã')).toHaveLength(2611);
  });

  it('has 697 phường', () => {
    expect(listCommunes().filter((c) => c.type === 'Phường')).toHaveLength(697);
  });

  it('has 13 đặc khu', () => {
    expect(listCommunes().filter((c) => c.type === 'Đặc khu')).toHaveLength(13);
  });

  it('has 7 centrally-run cities, Đồng Nai among them since April 2026', () => {
    expect(
      listProvinces()
        .filter((p) => p.type === 'Thành phố')
        .map((p) => p.code),
    ).toEqual(['01', '31', '46', '48', '75', '79', '92']);
  });

  it('gives a province by code with its full name and point', () => {
    expect(getProvince('19')).toMatchObject({ name: 'Thái Nguyên', fullName: 'Tỉnh Thái Nguyên', typeEn: 'province' });
  });

  it('lists the old provinces merged into a province', () => {
    expect(getProvince('19')?.mergedFrom).toEqual(['Bắc Kạn', 'Thái Nguyên']);
  });

  it('gives a commune by code with its province', () => {
    expect(getCommune('31078')).toMatchObject({
      fullName: 'Đặc khu Phú Quốc',
      typeEn: 'special-zone',
      province: { code: '91', name: 'An Giang', fullName: 'Tỉnh An Giang' },
    });
  });

  it('gives every commune a point inside Vietnam’s bounding box', () => {
    for (const c of listCommunes()) {
      expect(c.lat, c.code).toBeGreaterThan(6);
      expect(c.lat, c.code).toBeLessThan(24);
      expect(c.lon, c.code).toBeGreaterThan(102);
      expect(c.lon, c.code).toBeLessThan(118);
    }
  });

  it('derives the English name from the name', () => {
    expect(getCommune('00004')?.nameEn).toBe('Ba Dinh');
  });

  it('keeps the English name of Hoàng Sa', () => {
    expect(getCommune('20333')?.nameEn).toBe('Paracel');
  });

  it('lists the communes of one province', () => {
    expect(listCommunes('79')).toHaveLength(168);
  });

  it('lists no communes for an unknown province', () => {
    expect(listCommunes('99')).toEqual([]);
  });

  it('returns undefined for an unknown code', () => {
    expect(getCommune('99999')).toBeUndefined();
  });
});
