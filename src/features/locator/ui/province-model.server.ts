/**
 * The province page's model: the province and its points grouped by commune (communes in name order, points without a
 * commune last).
 */
import { getCommune, getProvince, type Commune, type Province } from '#src/features/admin-units/index.ts';
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import { getDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';

export interface CommuneGroup {
  /** Commune code, or undefined for points without one. */
  readonly code: string | undefined;
  /** The commune, named on the page in its language; undefined for points without one. */
  readonly commune: Commune | undefined;
  readonly points: readonly DirectoryPoint[];
}

export interface ProvinceModel {
  readonly status: 200 | 404;
  readonly province: Province | undefined;
  readonly groups: readonly CommuneGroup[];
  readonly pointCount: number;
  readonly demo: boolean;
}

const collator = new Intl.Collator('vi');

/** Builds the model for a two-digit province code (anything else is a 404). */
export async function buildProvinceModel(code: string | undefined): Promise<ProvinceModel> {
  const snapshot = await getDirectorySnapshot();
  const province = code !== undefined && /^\d{2}$/.test(code) ? getProvince(code) : undefined;
  if (province === undefined) return { status: 404, province, groups: [], pointCount: 0, demo: snapshot.demo };
  // Inactive and defunct points are kept for the cases that went to them, never listed for people looking for help;
  // a temporarily closed one stays, shown with its status, since it will open again.
  const points = (snapshot.byProvince.get(province.code) ?? []).filter(
    (point) => point.status === 'active' || point.status === 'temporarily closed',
  );
  const byCommune = new Map<string, DirectoryPoint[]>();
  for (const point of points) {
    const key = point.communeCode ?? '';
    const list = byCommune.get(key);
    if (list === undefined) byCommune.set(key, [point]);
    else list.push(point);
  }
  const groups = [...byCommune].map(([key, list]): CommuneGroup => {
    const commune = key === '' ? undefined : getCommune(key);
    return {
      code: key === '' ? undefined : key,
      commune,
      points: [...list].sort((a, b) => collator.compare(a.name, b.name)),
    };
  });
  groups.sort((a, b) =>
    a.commune === undefined
      ? 1
      : b.commune === undefined
        ? -1
        : collator.compare(a.commune.fullName, b.commune.fullName),
  );
  const demo = snapshot.demo || points.some((point) => point.isDemo);
  return { status: 200, province, groups, pointCount: points.length, demo };
}
