import { describe, expect, it } from 'vitest';
import { distanceKm, getProvince, kmOutsideProvince, listCommunes } from '#src/features/admin-units/index.ts';
import { OUTLINE_TOLERANCE_KM } from '#src/features/directory/import/place-check.ts';

describe('province outlines', () => {
  it('put a province centre inside its own outline and far outside a neighbour', () => {
    const hanoi = getProvince('01');
    if (!hanoi) throw new Error('no Hà Nội');
    expect(kmOutsideProvince('01', hanoi.lat, hanoi.lon)).toBe(0);
    // Hà Nội's centre is tens of km south of Thái Nguyên's outline.
    expect(kmOutsideProvince('19', hanoi.lat, hanoi.lon)).toBeGreaterThan(20);
    expect(kmOutsideProvince('99', hanoi.lat, hanoi.lon)).toBeUndefined();
  });

  it('hold every mainland commune centre; only island communes fall off the simplified outlines', () => {
    const off = listCommunes().filter(
      (c) => (kmOutsideProvince(c.provinceCode, c.lat, c.lon) ?? 0) > OUTLINE_TOLERANCE_KM,
    );
    // Measured on the 2025 data: 15 communes, all on islands (special zones, island communes, bay islands).
    expect(off.length).toBeLessThanOrEqual(16);
    expect(off.map((c) => c.fullName)).toEqual(
      expect.arrayContaining(['Đặc khu Bạch Long Vĩ', 'Đặc khu Thổ Châu', 'Đặc khu Phú Quý', 'Đặc khu Lý Sơn']),
    );
  });

  it('measures distances on the globe', () => {
    // Hà Nội to Hồ Chí Minh City: about 1,140 km as the crow flies.
    expect(distanceKm({ lat: 21.0285, lon: 105.8542 }, { lat: 10.7769, lon: 106.7009 })).toBeGreaterThan(1100);
    expect(distanceKm({ lat: 21.0285, lon: 105.8542 }, { lat: 10.7769, lon: 106.7009 })).toBeLessThan(1160);
  });
});
