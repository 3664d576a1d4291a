import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCommune, listCommunes } from '#src/features/admin-units/index.ts';
import { communeAt } from '#src/features/admin-units/nearest-commune.ts';
import { distanceKm } from '#src/lib/geo.ts';

describe('communeAt', () => {
  it('finds a commune from its own interior point', () => {
    for (const code of ['31078', '01906', '20410', '00070', '00004']) {
      const commune = getCommune(code);
      expect(commune).toBeDefined();
      if (commune !== undefined) expect(communeAt(commune.lat, commune.lon)?.code).toBe(code);
    }
  });

  it('gives the commune with the nearest interior point (the grid agrees with a scan of all 3,321)', () => {
    const communes = listCommunes();
    fc.assert(
      fc.property(
        fc.double({ min: 8.3, max: 23.5, noNaN: true }),
        fc.double({ min: 102, max: 110, noNaN: true }),
        (lat, lon) => {
          let best = Number.POSITIVE_INFINITY;
          for (const commune of communes) best = Math.min(best, distanceKm({ lat, lon }, commune));
          const found = communeAt(lat, lon);
          if (best > 60) expect(found).toBeUndefined();
          else expect(found === undefined ? Number.NaN : distanceKm({ lat, lon }, found)).toBeCloseTo(best, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('places a position near Hội An in Hội An', () => {
    // 0.9 km from Hội An's interior point, 2.4 km from Hội An Tây's.
    expect(communeAt(15.88, 108.33)?.code).toBe('20410');
  });

  it('finds no commune far outside Vietnam, or for an impossible position', () => {
    expect(communeAt(1.29, 103.85)).toBeUndefined(); // Singapore
    expect(communeAt(48.85, 2.35)).toBeUndefined(); // Paris
    expect(communeAt(95, 0)).toBeUndefined();
  });
});
