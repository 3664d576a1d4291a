/**
 * Everything the locator search page shows, computed before the page renders (so the page can answer 400 for a bad
 * query): the checked query, the place outcome, the nearest suitable points and what to say about them.
 */
import type { Lang } from '#src/i18n/index.ts';
import { useTranslations } from '#src/i18n/index.ts';
import type { FieldError } from '#src/components/form/types.ts';
import type { DirectoryPoint } from '#src/features/directory/types.ts';
import { getDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import { getCommune, getProvince, localUnitName } from '#src/features/admin-units/index.ts';
import { findNearestSuitable, type NearestAnswer, type NearestQuery } from '#src/features/locator/nearest.ts';
import { parseLocatorParams, type LocatorQuery, type LocatorRawValues } from '#src/features/locator/search-params.ts';
import { resolvePlace, type PlaceOutcome, type StartPlace } from './place.ts';

/** Results shown per search. */
export const RESULT_LIMIT = 10;

/** What the page renders. */
export interface SearchModel {
  readonly status: 200 | 400;
  readonly raw: LocatorRawValues;
  /** Localized, in the form's order (summary and fields show the same words). */
  readonly errors: readonly FieldError[];
  readonly query: LocatorQuery | undefined;
  readonly place: PlaceOutcome;
  /** The search's answer, when a place was found. */
  readonly answer: NearestAnswer | undefined;
  /** How to read the answer's reason for this place ("in-province" for a province search). */
  readonly scope: ResultScope | undefined;
  /** The searched place as the map marks it. */
  readonly origin: { readonly lat: number; readonly lon: number } | undefined;
  /** The origin's province, to highlight on the map. */
  readonly originProvince: string | undefined;
  /** The demo banner is due: the directory is the demo one, or a shown point is a demo point. */
  readonly demo: boolean;
  readonly now: Date;
}

/** What the results are, relative to the place searched; places are named in the page's language. */
export type ResultScope =
  | { readonly kind: 'in-commune'; readonly commune: string }
  | { readonly kind: 'in-province'; readonly province: string }
  | { readonly kind: 'nearest-in-province'; readonly commune: string; readonly province: string }
  | { readonly kind: 'nearest-anywhere'; readonly area: string }
  | { readonly kind: 'none' };

/** Builds the page's model from its URL. */
export async function buildSearchModel(url: URL, lang: Lang, now: Date): Promise<SearchModel> {
  const t = useTranslations(lang);
  const parsed = parseLocatorParams(url.searchParams);
  const snapshot = await getDirectorySnapshot();
  const base = {
    raw: parsed.raw,
    now,
    answer: undefined,
    scope: undefined,
    origin: undefined,
    originProvince: undefined,
  };
  if (!parsed.ok) {
    return {
      ...base,
      status: 400,
      errors: parsed.errors.map((error) => ({ field: error.field, message: t(error.key) })),
      query: undefined,
      place: { kind: 'idle' },
      demo: snapshot.demo,
    };
  }
  const query = parsed.query;
  const place = resolvePlace(query);
  if (place.kind === 'empty') {
    // Filters without a place: say what is missing, as for any required field.
    return {
      ...base,
      status: 400,
      errors: [{ field: 'q', message: t('locator.error.q.empty') }],
      query,
      place,
      demo: snapshot.demo,
    };
  }
  if (place.kind !== 'start') return { ...base, status: 200, errors: [], query, place, demo: snapshot.demo };

  const search = runSearch(snapshot.points, place.start, query, now, lang);
  const demo = snapshot.demo || search.answer.results.some((result) => result.point.isDemo);
  return { ...base, ...search, status: 200, errors: [], query, place, demo };
}

function runSearch(
  points: readonly DirectoryPoint[],
  start: StartPlace,
  query: LocatorQuery,
  now: Date,
  lang: Lang,
): Pick<SearchModel, 'answer' | 'scope' | 'origin' | 'originProvince'> & { answer: NearestAnswer } {
  const common: Omit<NearestQuery, 'origin'> = {
    ...(query.service === undefined ? {} : { serviceTypes: [query.service] }),
    filters: {
      free: query.free,
      openNow: query.open,
      ...(query.language === undefined ? {} : { language: query.language }),
      ...(query.age === undefined ? {} : { age: query.age }),
    },
    limit: RESULT_LIMIT,
    now,
  };
  if (start.kind === 'province') {
    // A province has no commune tier: every point of the province, nearest to its interior point first. Points are
    // passed without their commune so the search's first tier (the origin's own commune) stays empty.
    const byId = new Map(points.map((point) => [point.id, point]));
    const answer = findNearestSuitable(
      points.map((point) => ({ ...point, communeCode: null })),
      { ...common, origin: { kind: 'position', lat: start.province.lat, lon: start.province.lon } },
    );
    const restored: NearestAnswer = {
      ...answer,
      results: answer.results.map((result) => ({ ...result, point: byId.get(result.point.id) ?? result.point })),
      origin: { ...answer.origin, provinceCode: start.province.code },
    };
    const scope: ResultScope =
      answer.reason === 'none'
        ? { kind: 'none' }
        : answer.reason === 'nearest-anywhere'
          ? { kind: 'nearest-anywhere', area: localUnitName(start.province, lang) }
          : { kind: 'in-province', province: localUnitName(start.province, lang) };
    return {
      answer: restored,
      scope,
      origin: { lat: start.province.lat, lon: start.province.lon },
      originProvince: start.province.code,
    };
  }
  const origin =
    start.kind === 'commune'
      ? ({ kind: 'commune', communeCode: start.commune.code } as const)
      : ({ kind: 'position', lat: start.lat, lon: start.lon } as const);
  const answer = findNearestSuitable(points, { ...common, origin });
  const commune = answer.origin.communeCode === null ? undefined : getCommune(answer.origin.communeCode);
  const province = answer.origin.provinceCode === null ? undefined : getProvince(answer.origin.provinceCode);
  const communeName = commune === undefined ? '' : localUnitName(commune, lang);
  const provinceName = province === undefined ? '' : localUnitName(province, lang);
  const scope: ResultScope =
    answer.reason === 'in-commune'
      ? { kind: 'in-commune', commune: communeName }
      : answer.reason === 'nearest-in-province'
        ? { kind: 'nearest-in-province', commune: communeName, province: provinceName }
        : answer.reason === 'nearest-anywhere'
          ? { kind: 'nearest-anywhere', area: provinceName }
          : { kind: 'none' };
  return {
    answer,
    scope,
    origin: { lat: answer.origin.lat, lon: answer.origin.lon },
    originProvince: answer.origin.provinceCode ?? undefined,
  };
}
