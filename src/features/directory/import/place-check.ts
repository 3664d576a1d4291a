/**
 * The check that a point's written position belongs to its commune's province, so a typo in the coordinates (a digit
 * dropped, the position of another office copied) does not put a point on the map, and into "nearest point" answers,
 * far from where it is.
 */
import { distanceKm, kmOutsideProvince } from '#src/features/admin-units/index.ts';

/**
 * How far outside its province's outline a point may lie and still be accepted, in km: the outlines are simplified
 * (borders off by a kilometre or two), and a point on the coast may fall just outside them.
 */
export const OUTLINE_TOLERANCE_KM = 3;

/**
 * Island communes (special zones such as Bạch Long Vĩ, Thổ Châu or Kiên Hải) are missing from the simplified outlines:
 * a commune whose own centre lies more than {@link OUTLINE_TOLERANCE_KM} outside them is treated as an island, and a
 * point within this many km of its centre is accepted (Kiên Hải's islands spread over about 30 km).
 */
export const ISLAND_RADIUS_KM = 40;

/**
 * Whether a point written for a commune lies in that commune's province: inside its outline (with
 * {@link OUTLINE_TOLERANCE_KM}) or, for an island commune, near the commune itself (within {@link ISLAND_RADIUS_KM}).
 * When it does not, the answer says how far outside the province it is, in whole km.
 */
export function checkPlace(
  point: { lat: number; lon: number },
  commune: { provinceCode: string; lat: number; lon: number },
): { ok: true } | { ok: false; km: number } {
  const outside = kmOutsideProvince(commune.provinceCode, point.lat, point.lon);
  if (outside === undefined || outside <= OUTLINE_TOLERANCE_KM) return { ok: true };
  const island = (kmOutsideProvince(commune.provinceCode, commune.lat, commune.lon) ?? 0) > OUTLINE_TOLERANCE_KM;
  if (island && distanceKm(point, commune) <= ISLAND_RADIUS_KM) return { ok: true };
  return { ok: false, km: Math.round(outside) };
}
