/**
 * The points page (`/quan-ly/diem-ho-tro`): the administered province's points with their status, last check, open
 * "outdated information" reports and requests waiting too long. A national administrator first chooses a province.
 */
import type { AstroGlobal } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { administrator } from './page.server.ts';
import { listProvincePoints, pointCountsByProvince, type PointListRow } from './points.server.ts';
import { provinceInScope } from './scope.ts';

export interface PointsPageModel {
  readonly principal: Principal;
  readonly province: string | null;
  readonly points: readonly PointListRow[];
  /** For a national administrator without a chosen province: points and open reports per province. */
  readonly byProvince: ReadonlyMap<string, { points: number; openReports: number }> | undefined;
  readonly escalationWorkingDays: number;
}

export async function pointsPage(astro: AstroGlobal, lang: Lang): Promise<PointsPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const services = await getConsoleServices();
  const province = provinceInScope(principal, astro.url.searchParams);
  const base = { principal, province, escalationWorkingDays: services.escalationWorkingDays };
  if (province === null) return { ...base, points: [], byProvince: await pointCountsByProvince(services.handle.db) };
  const points = await listProvincePoints(
    services.handle.db,
    province,
    services.clock.now(),
    services.escalationWorkingDays,
  );
  return { ...base, points, byProvince: undefined };
}
