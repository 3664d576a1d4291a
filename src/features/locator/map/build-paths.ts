/**
 * Turns the simplified province TopoJSON into short SVG paths, once, at build time (see `generate-paths.ts`, which
 * writes `province-paths.ts`). Coordinates are projected with `projection.ts`, rounded to whole map units (about
 * 2 km) and written as relative moves, which keeps the 34 provinces under 5 KB gzipped.
 *
 * Islets smaller than a map unit would vanish when rounded; they are kept as small squares instead, so the Hoàng Sa
 * and Trường Sa archipelagos are always drawn.
 */
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
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

/** Everything the map renderer needs, generated from the TopoJSON. */
export interface MapGeometry {
  readonly provinces: readonly ProvinceShape[];
  /** Where the islands of each archipelago are drawn, to place its label and frame. */
  readonly archipelagos: { readonly hoangSa: MapBox; readonly truongSa: MapBox };
}

/**
 * Which province's islands east of which longitude form each archipelago: Đà Nẵng's beyond 110.5 °E (Hoàng Sa), Khánh
 * Hòa's beyond 109.6 °E, past its coastal islands (Trường Sa).
 */
export const ARCHIPELAGO_RULES = {
  hoangSa: { provinceCode: '48', eastOf: 110.5 },
  truongSa: { provinceCode: '56', eastOf: 109.6 },
} as const;

// Half the side of the square that stands for an islet too small to draw.
const ISLET_HALF_SIZE = 1;

interface ProvinceProperties {
  code: string;
}

/** Projects and encodes every province of the `provinces` object; throws when an archipelago is missing. */
export function buildMapGeometry(topology: Topology): MapGeometry {
  const object = topology.objects['provinces'];
  if (object === undefined || object.type !== 'GeometryCollection') throw new Error('map: no "provinces" collection');
  const collection = feature<ProvinceProperties>(topology, object);
  const boxes = { hoangSa: [] as MapBox[], truongSa: [] as MapBox[] };
  const provinces = collection.features.map((province): ProvinceShape => {
    const code = province.properties.code;
    const geometry = province.geometry;
    const polygons =
      geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    let d = '';
    for (const polygon of polygons) {
      for (const ring of polygon) {
        d += ringPath(ring);
        const outer = ring === polygon[0];
        if (!outer) continue;
        for (const [name, rule] of Object.entries(ARCHIPELAGO_RULES) as Array<[keyof typeof boxes, (typeof ARCHIPELAGO_RULES)['hoangSa']]>) {
          if (rule.provinceCode === code && meanLongitude(ring) > rule.eastOf) boxes[name].push(boxOf(ring));
        }
      }
    }
    return { code, d };
  });
  if (boxes.hoangSa.length === 0) throw new Error('map: the Hoàng Sa archipelago is missing from the boundaries');
  if (boxes.truongSa.length === 0) throw new Error('map: the Trường Sa archipelago is missing from the boundaries');
  return { provinces, archipelagos: { hoangSa: union(boxes.hoangSa), truongSa: union(boxes.truongSa) } };
}

/** The number of islands (outer rings) of each archipelago, for tests. */
export function countArchipelagoIslands(topology: Topology): { hoangSa: number; truongSa: number } {
  const object = topology.objects['provinces'];
  if (object === undefined || object.type !== 'GeometryCollection') return { hoangSa: 0, truongSa: 0 };
  const counts = { hoangSa: 0, truongSa: 0 };
  for (const province of feature<ProvinceProperties>(topology, object).features) {
    const geometry = province.geometry;
    const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
    for (const [outer] of polygons) {
      if (outer === undefined) continue;
      if (province.properties.code === ARCHIPELAGO_RULES.hoangSa.provinceCode && meanLongitude(outer) > ARCHIPELAGO_RULES.hoangSa.eastOf) counts.hoangSa++;
      if (province.properties.code === ARCHIPELAGO_RULES.truongSa.provinceCode && meanLongitude(outer) > ARCHIPELAGO_RULES.truongSa.eastOf) counts.truongSa++;
    }
  }
  return counts;
}

// One closed ring as "M x y l dx dy … z", in whole map units; consecutive repeats are dropped.
function ringPath(ring: readonly Position[]): string {
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
    // Too small to draw at this scale: a square around its middle keeps the islet on the map.
    const box = boxOf(ring);
    const cx = Math.round(box.x + box.width / 2);
    const cy = Math.round(box.y + box.height / 2);
    const side = ISLET_HALF_SIZE * 2;
    return `M${cx - ISLET_HALF_SIZE} ${cy - ISLET_HALF_SIZE}h${side}v${side}h-${side}z`;
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
