/**
 * Turns the simplified province TopoJSON into short SVG paths, once, at build time (see `generate-paths.ts`, which
 * writes `province-paths.ts`). Coordinates are projected with `projection.ts`, rounded to whole map units (about
 * 2 km) and written as relative moves, which keeps the 34 provinces under 5 KB gzipped.
 *
 * Islets smaller than a map unit would vanish when rounded; they are kept as small squares instead, so the Hoàng Sa
 * and Trường Sa archipelagos are always drawn.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Position } from 'geojson';
import { projectExact, type MapPoint } from './projection.ts';

/** One province's outline, ready for `<path d>`. */
export interface ProvinceShape {
  /** Two-digit province code. */
  readonly code: string;
  readonly d: string;
}

/** A box in map units. */
export interface MapBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An archipelago's islands, drawn apart from the mainland so they stay visible at any size. */
export interface ArchipelagoShape {
  /** The province it belongs to (Đà Nẵng for Hoàng Sa, Khánh Hòa for Trường Sa). */
  readonly provinceCode: string;
  readonly d: string;
  /** Where its islands are, to place its label and frame. */
  readonly box: MapBox;
}

/** Everything the map renderer needs, generated from the TopoJSON. */
export interface MapGeometry {
  /** Each province without its archipelago's islands. */
  readonly provinces: readonly ProvinceShape[];
  readonly archipelagos: { readonly hoangSa: ArchipelagoShape; readonly truongSa: ArchipelagoShape };
}

/**
 * Which province's islands east of which longitude form each archipelago: Đà Nẵng's beyond 110.5 °E (Hoàng Sa), Khánh
 * Hòa's beyond 109.6 °E, past its coastal islands (Trường Sa).
 */
export const ARCHIPELAGO_RULES = {
  hoangSa: { provinceCode: '48', eastOf: 110.5 },
  truongSa: { provinceCode: '56', eastOf: 109.6 },
} as const;

// The side of the square that stands for an archipelago's islet too small to draw (about 6 km): never a dot lost in
// rounding.
const ISLET_MIN_SIDE = 3;

interface ProvinceProperties {
  code: string;
}

/** Projects and encodes every province of the `provinces` object; throws when an archipelago is missing. */
export function buildMapGeometry(topology: Topology): MapGeometry {
  const collection = feature(topology, provincesOf(topology));
  const islands = { hoangSa: { d: '', boxes: [] as MapBox[] }, truongSa: { d: '', boxes: [] as MapBox[] } };
  const provinces = collection.features.map((province): ProvinceShape => {
    const code = province.properties.code;
    const geometry = province.geometry;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    let d = '';
    for (const polygon of polygons) {
      const archipelago = polygon[0] === undefined ? undefined : archipelagoOf(code, polygon[0]);
      if (archipelago !== undefined) {
        // An island: its outer ring only (a lagoon would not show at this scale).
        const [outer] = polygon;
        if (outer === undefined) continue;
        islands[archipelago].d += ringPath(outer, ISLET_MIN_SIDE);
        islands[archipelago].boxes.push(boxOf(outer));
        continue;
      }
      for (const ring of polygon) d += ringPath(ring, 2);
    }
    return { code, d };
  });
  if (islands.hoangSa.boxes.length === 0)
    throw new Error('map: the Hoàng Sa archipelago is missing from the boundaries');
  if (islands.truongSa.boxes.length === 0)
    throw new Error('map: the Trường Sa archipelago is missing from the boundaries');
  return {
    provinces,
    archipelagos: {
      hoangSa: {
        provinceCode: ARCHIPELAGO_RULES.hoangSa.provinceCode,
        d: islands.hoangSa.d,
        box: union(islands.hoangSa.boxes),
      },
      truongSa: {
        provinceCode: ARCHIPELAGO_RULES.truongSa.provinceCode,
        d: islands.truongSa.d,
        box: union(islands.truongSa.boxes),
      },
    },
  };
}

// Which archipelago an island (outer ring) of this province belongs to, if any.
function archipelagoOf(provinceCode: string, outer: readonly Position[]): keyof typeof ARCHIPELAGO_RULES | undefined {
  for (const name of ['hoangSa', 'truongSa'] as const) {
    const rule = ARCHIPELAGO_RULES[name];
    if (rule.provinceCode === provinceCode && meanLongitude(outer) > rule.eastOf) return name;
  }
  return undefined;
}

/** The number of islands (outer rings) of each archipelago in the boundaries, for tests. */
export function countArchipelagoIslands(topology: Topology): { hoangSa: number; truongSa: number } {
  const counts = { hoangSa: 0, truongSa: 0 };
  for (const province of feature(topology, provincesOf(topology)).features) {
    const geometry = province.geometry;
    const polygons =
      geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : geometry.type === 'Polygon'
          ? [geometry.coordinates]
          : [];
    for (const [outer] of polygons) {
      const archipelago = outer === undefined ? undefined : archipelagoOf(province.properties.code, outer);
      if (archipelago !== undefined) counts[archipelago]++;
    }
  }
  return counts;
}

function provincesOf(topology: Topology): GeometryCollection<ProvinceProperties> {
  const object = topology.objects['provinces'];
  if (object === undefined || object.type !== 'GeometryCollection') throw new Error('map: no "provinces" collection');
  return object as GeometryCollection<ProvinceProperties>;
}

// One closed ring as "M x y l dx dy … z", in whole map units; consecutive repeats are dropped. A ring that rounds to
// fewer than 3 points becomes a square of `minSide` units around its middle, so no island vanishes.
function ringPath(ring: readonly Position[], minSide: number): string {
  const points: MapPoint[] = [];
  for (const position of ring) {
    const [lon = 0, lat = 0] = position;
    const exact = projectExact(lat, lon);
    const point = { x: Math.round(exact.x), y: Math.round(exact.y) };
    const last = points.at(-1);
    if (last === undefined || last.x !== point.x || last.y !== point.y) points.push(point);
  }
  const first = points[0];
  if (first === undefined) return '';
  // A ring's last point repeats its first; "z" closes it.
  const lastPoint = points.at(-1);
  if (points.length > 1 && lastPoint !== undefined && lastPoint.x === first.x && lastPoint.y === first.y) points.pop();
  if (points.length < 3) {
    const box = boxOf(ring);
    const x = Math.round(box.x + box.width / 2 - minSide / 2);
    const y = Math.round(box.y + box.height / 2 - minSide / 2);
    return `M${x} ${y}h${minSide}v${minSide}h-${minSide}z`;
  }
  let d = `M${first.x} ${first.y}l`;
  let previous = first;
  let separatorNeeded = false;
  for (const point of points.slice(1)) {
    d += number(point.x - previous.x, separatorNeeded) + number(point.y - previous.y, true);
    separatorNeeded = true;
    previous = point;
  }
  return `${d}z`;
}

// SVG number lists need a separator only before a number that does not start with "-".
function number(value: number, separatorNeeded: boolean): string {
  return value < 0 || !separatorNeeded ? String(value) : ` ${value}`;
}

function meanLongitude(ring: readonly Position[]): number {
  let sum = 0;
  for (const [lon = 0] of ring) sum += lon;
  return ring.length === 0 ? 0 : sum / ring.length;
}

function boxOf(ring: readonly Position[]): MapBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [lon = 0, lat = 0] of ring) {
    const { x, y } = projectExact(lat, lon);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function union(boxes: readonly MapBox[]): MapBox {
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  const round = (value: number) => Math.round(value * 10) / 10;
  return { x: round(minX), y: round(minY), width: round(maxX - minX), height: round(maxY - minY) };
}
