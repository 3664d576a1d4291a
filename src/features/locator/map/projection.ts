/**
 * The locator map's projection: plain equirectangular, with longitudes shrunk by the cosine of Vietnam's middle
 * latitude so shapes keep their proportions (at these latitudes the error is a few percent; a tile-less overview map
 * needs no more). One map unit is 1/50 degree of latitude, about 2.2 km.
 *
 * Browser-safe and data-free: the path generator, the server-side renderer and the tests share it.
 */

/** Map units per degree of latitude. */
export const MAP_SCALE = 50;
/** The map's frame (WGS 84 degrees): mainland, Hoàng Sa and Trường Sa, with a small margin. */
export const MAP_BOUNDS = { west: 101.9, east: 118.1, south: 6.9, north: 23.6 } as const;
// Vietnam's middle latitude: mainland and islands run from about 7 °N to 23.4 °N.
const MIDDLE_LATITUDE = 15.5;
const X_FACTOR = Math.cos((MIDDLE_LATITUDE * Math.PI) / 180) * MAP_SCALE;

/** Width and height of the map in its own units (the SVG viewBox). */
export const MAP_SIZE = {
  width: Math.ceil((MAP_BOUNDS.east - MAP_BOUNDS.west) * X_FACTOR),
  height: Math.ceil((MAP_BOUNDS.north - MAP_BOUNDS.south) * MAP_SCALE),
} as const;

/** A point on the map, in map units (x to the east, y to the south). */
export interface MapPoint {
  readonly x: number;
  readonly y: number;
}

/** Projects a WGS 84 position to map units, unrounded. */
export function projectExact(lat: number, lon: number): MapPoint {
  return { x: (lon - MAP_BOUNDS.west) * X_FACTOR, y: (MAP_BOUNDS.north - lat) * MAP_SCALE };
}

/** Projects a WGS 84 position to map units rounded to one decimal: enough for a marker, short in the SVG. */
export function project(lat: number, lon: number): MapPoint {
  const { x, y } = projectExact(lat, lon);
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
}

/** Whether a position falls inside the map's frame (a marker outside it would be drawn off the picture). */
export function isOnMap(lat: number, lon: number): boolean {
  return lat >= MAP_BOUNDS.south && lat <= MAP_BOUNDS.north && lon >= MAP_BOUNDS.west && lon <= MAP_BOUNDS.east;
}
