/**
 * Which commune a position is in — APPROXIMATELY: the commune whose interior point is nearest. The boundary polygons
 * are not loaded (only simplified province shapes are), so near a commune border the answer can be the neighbour; and
 * an interior point is not a centre, so a large commune may lose a position near its edge to a smaller one. Good
 * enough to route a "use my location" search to a commune and province; never shown as "you are in …" as fact.
 *
 * A coarse grid over the 3,321 interior points (cells of 0.2°, about 22 km) makes a look-up touch a few dozen points
 * instead of all of them (a few microseconds).
 */
import { distanceKmBetween, isValidPosition } from '#src/lib/geo.ts';
import { listCommunes } from './units.ts';
import type { Commune } from './types.ts';

/** Beyond this distance from every interior point, a position is taken as outside Vietnam (abroad, or at sea). */
export const DEFAULT_MAX_COMMUNE_KM = 60;

const CELL_DEGREES = 0.2;
// A degree of longitude is shortest at the northern tip (~23.4° N): 111.32 × cos(23.4°) ≈ 102 km. Using the shortest
// makes the ring bound below a safe lower bound everywhere in Vietnam.
const MIN_KM_PER_DEGREE = 111.32 * Math.cos((23.5 * Math.PI) / 180);
const CELL_KM = CELL_DEGREES * MIN_KM_PER_DEGREE;

interface Grid {
  readonly cells: ReadonlyMap<number, readonly Commune[]>;
}

let grid: Grid | undefined;

/**
 * The commune whose interior point is nearest to (lat, lon), or `undefined` when none is within `maxKm`
 * (default {@link DEFAULT_MAX_COMMUNE_KM}) or the position is not a valid WGS 84 position. An approximation: see the
 * module comment.
 */
export function communeAt(lat: number, lon: number, maxKm: number = DEFAULT_MAX_COMMUNE_KM): Commune | undefined {
  if (!isValidPosition(lat, lon)) return undefined;
  const { cells } = communeGrid();
  const row = Math.floor(lat / CELL_DEGREES);
  const col = Math.floor(lon / CELL_DEGREES);
  let best: Commune | undefined;
  let bestKm = Number.POSITIVE_INFINITY;
  // Rings of cells around the position's own cell. Anything in ring r+1 or beyond is at least r cells away along one
  // axis, so once the best distance is within r × CELL_KM no farther ring can beat it.
  const maxRing = Math.ceil(maxKm / CELL_KM) + 1;
  for (let ring = 0; ring <= maxRing; ring++) {
    for (let dr = -ring; dr <= ring; dr++) {
      const onEdgeRow = dr === -ring || dr === ring;
      for (let dc = -ring; dc <= ring; dc += onEdgeRow ? 1 : 2 * ring) {
        const bucket = cells.get(cellKey(row + dr, col + dc));
        if (bucket !== undefined) {
          for (const commune of bucket) {
            const km = distanceKmBetween(lat, lon, commune.lat, commune.lon);
            if (km < bestKm || (km === bestKm && best !== undefined && commune.code < best.code)) {
              best = commune;
              bestKm = km;
            }
          }
        }
      }
    }
    if (bestKm <= ring * CELL_KM) break;
  }
  return bestKm <= maxKm ? best : undefined;
}

function communeGrid(): Grid {
  if (grid !== undefined) return grid;
  const cells = new Map<number, Commune[]>();
  for (const commune of listCommunes()) {
    const key = cellKey(Math.floor(commune.lat / CELL_DEGREES), Math.floor(commune.lon / CELL_DEGREES));
    const bucket = cells.get(key);
    if (bucket === undefined) cells.set(key, [commune]);
    else bucket.push(commune);
  }
  grid = { cells };
  return grid;
}

// Rows and columns fit in ±2,000 for any valid position; one number keeps the map's keys cheap.
function cellKey(row: number, col: number): number {
  return (row + 2000) * 4000 + (col + 2000);
}
