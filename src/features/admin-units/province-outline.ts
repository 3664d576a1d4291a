/**
 * Where a position lies against a province's outline: inside, or how far outside. The outlines are the simplified
 * polygons the map draws (`data/provinces-simplified.topojson`, decoded into `data/province-outlines.json` by
 * `scripts/build-admin-units.ts`), so a border can be off by a kilometre or two; callers allow for that. Server and
 * build time only (62 KB).
 */
import outlineData from './data/province-outlines.json' with { type: 'json' };

type Position = GeoJSON.Position;
type Ring = readonly Position[];

const rings: ReadonlyMap<string, readonly Ring[]> = new Map(Object.entries(outlineData as Record<string, Ring[]>));

function provinceRings(): ReadonlyMap<string, readonly Ring[]> {
  return rings;
}

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance between two positions, in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Even-odd rule over every ring (outer rings and holes alike), in lon/lat.
function inside(point: Position, all: readonly Ring[]): boolean {
  const [x, y] = point as [number, number];
  let count = 0;
  for (const ring of all) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) count += 1;
    }
  }
  return count % 2 === 1;
}

// Distance from a point to a segment, on a local flat projection around the point (fine at a few hundred km).
function segmentKm(lat: number, lon: number, a: Position, b: Position): number {
  const kx = 111.32 * Math.cos(toRadians(lat));
  const ky = 110.57;
  const ax = ((a[0] as number) - lon) * kx;
  const ay = ((a[1] as number) - lat) * ky;
  const bx = ((b[0] as number) - lon) * kx;
  const by = ((b[1] as number) - lat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * How far outside the province's outline a position is, in kilometres: 0 inside it, `undefined` for an unknown code.
 */
export function kmOutsideProvince(provinceCode: string, lat: number, lon: number): number | undefined {
  const all = provinceRings().get(provinceCode);
  if (!all) return undefined;
  if (inside([lon, lat], all)) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const ring of all) {
    for (let i = 1; i < ring.length; i++) {
      best = Math.min(best, segmentKm(lat, lon, ring[i - 1] as Position, ring[i] as Position));
    }
  }
  return best;
}
