/**
 * Distances on the Earth's surface, for "nearest point" answers. Pure and browser-safe.
 */

/** A position in WGS 84 decimal degrees. Communes, provinces and search matches all have this shape. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Mean Earth radius (IUGG), in km. The sphere is off by at most ~0.5 % from the ellipsoid: fine for "how far". */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km between two positions. */
export function distanceKm(a: LatLon, b: LatLon): number {
  return distanceKmBetween(a.lat, a.lon, b.lat, b.lon);
}

/** {@link distanceKm} on plain numbers, for hot loops that should not allocate objects. */
export function distanceKmBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const sinLat = Math.sin(dLat / 2);
  const sinLon = Math.sin(dLon / 2);
  const h = sinLat * sinLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinLon * sinLon;
  // min() guards asin against a rounding error just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when the numbers are a valid WGS 84 position. */
export function isValidPosition(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}
