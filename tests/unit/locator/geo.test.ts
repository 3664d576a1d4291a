import { describe, expect, it } from 'vitest';
import { distanceKm, isValidPosition } from '#src/lib/geo.ts';

describe('distanceKm', () => {
  it('measures one degree of latitude as 111.2 km', () => {
    // 2π × 6,371.0088 km / 360 = 111.195 km.
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.195, 3);
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    // At 21° N (Hà Nội): 111.195 × cos 21° = 103.81 km.
    expect(distanceKm({ lat: 21, lon: 105 }, { lat: 21, lon: 106 })).toBeCloseTo(103.81, 1);
  });

  it('is zero for the same place and symmetric', () => {
    const hoanKiem = { lat: 21.032, lon: 105.85032 };
    const baDinh = { lat: 21.03647, lon: 105.83788 };
    expect(distanceKm(hoanKiem, hoanKiem)).toBe(0);
    expect(distanceKm(hoanKiem, baDinh)).toBeCloseTo(distanceKm(baDinh, hoanKiem), 12);
    // 0.00447° north and 0.01244° west: √(0.497² + 1.292²) ≈ 1.38 km.
    expect(distanceKm(hoanKiem, baDinh)).toBeCloseTo(1.38, 2);
  });

  it('tells valid positions from impossible ones', () => {
    expect(isValidPosition(21, 105)).toBe(true);
    expect(isValidPosition(-90, 180)).toBe(true);
    expect(isValidPosition(90.5, 0)).toBe(false);
    expect(isValidPosition(0, -181)).toBe(false);
    expect(isValidPosition(Number.NaN, 0)).toBe(false);
  });
});
