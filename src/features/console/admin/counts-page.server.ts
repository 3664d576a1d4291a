/**
 * The counts page (`/quan-ly/so-lieu`): requests of the administered province (a national administrator: the country,
 * by province, or one province) over the last 12 weeks, by week, by help wanted and by outcome, and the median time
 * to acknowledgement and to the first reply. Every number passes through suppression.ts before it reaches the page.
 */
import type { AstroGlobal } from 'astro';
import { listProvinces } from '#src/features/admin-units/index.ts';
import type { Lang } from '#src/i18n/index.ts';
import { forbidden } from '../http.server.ts';
import { canSeeCounts } from '../policy.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { countsByProvince, loadCaseCounts } from './counts.server.ts';
import { administrator } from './page.server.ts';
import { provinceInScope } from './scope.ts';
import { suppressBreakdown, suppressCount, suppressStatistic, type Cell, type Statistic } from './suppression.ts';

export interface Row {
  readonly key: string;
  readonly cell: Cell;
}

export interface CountsPageModel {
  readonly principal: Principal;
  readonly province: string | null;
  readonly from: Date;
  readonly total: Cell;
  readonly weeks: readonly Row[];
  readonly byHelp: readonly Row[];
  readonly closed: Cell;
  readonly byOutcome: readonly Row[];
  readonly acknowledgement: Statistic<number>;
  readonly firstReply: Statistic<number>;
  /** National view only: requests per province. */
  readonly byProvince: readonly Row[] | undefined;
}

const rows = (keys: readonly string[], values: readonly number[]): Row[] => {
  const cells = suppressBreakdown(values);
  return keys.map((key, index) => ({ key, cell: cells[index] ?? { kind: 'suppressed' } }));
};

export async function countsPage(astro: AstroGlobal, lang: Lang): Promise<CountsPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const province = provinceInScope(principal, astro.url.searchParams);
  if (!canSeeCounts(principal, province)) return forbidden(lang);
  const services = await getConsoleServices();
  const now = services.clock.now();
  const counts = await loadCaseCounts(services.handle.db, province, now);
  let byProvince: Row[] | undefined;
  if (province === null) {
    const perProvince = await countsByProvince(services.handle.db, now);
    const codes = listProvinces().map((entry) => entry.code);
    byProvince = rows(
      codes,
      codes.map((code) => perProvince.get(code) ?? 0),
    );
  }
  return {
    principal,
    province,
    from: counts.from,
    total: suppressCount(counts.total),
    weeks: rows(
      counts.weeks.map((week) => week.start),
      counts.weeks.map((week) => week.count),
    ),
    byHelp: rows(
      counts.byHelp.map((row) => row.code),
      counts.byHelp.map((row) => row.count),
    ),
    closed: suppressCount(counts.closed),
    byOutcome: rows(
      counts.byOutcome.map((row) => row.code),
      counts.byOutcome.map((row) => row.count),
    ),
    acknowledgement: suppressStatistic(counts.acknowledgement.cases, counts.acknowledgement.medianHours),
    firstReply: suppressStatistic(counts.firstReply.cases, counts.firstReply.medianHours),
    byProvince,
  };
}
