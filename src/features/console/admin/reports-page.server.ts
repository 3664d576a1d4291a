/** The listing reports page (`/quan-ly/bao-thong-tin-sai`): open reports, resolve or dismiss each. */
import type { AstroGlobal } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { readConsoleForm, text } from '../forms.server.ts';
import { seeOther } from '../http.server.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { administrator, noticeOf, withQuery } from './page.server.ts';
import { decideReport, listOpenReports, type OpenReport } from './reports.server.ts';
import { provinceInScope } from './scope.ts';

export const REPORT_NOTICES = ['resolved', 'dismissed', 'gone'] as const;

export interface ReportsPageModel {
  readonly principal: Principal;
  readonly province: string | null;
  readonly reports: readonly OpenReport[];
  readonly notice: (typeof REPORT_NOTICES)[number] | undefined;
}

export async function reportsPage(astro: AstroGlobal, lang: Lang): Promise<ReportsPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const services = await getConsoleServices();
  const province = provinceInScope(principal, astro.url.searchParams);
  if (astro.request.method === 'POST') {
    const fields = (await readConsoleForm(astro.request)) ?? new URLSearchParams();
    const decision = text(fields, 'action') === 'dismiss' ? 'dismissed' : 'resolved';
    const done = await decideReport(
      { db: services.handle.db, principal, now: services.clock.now() },
      text(fields, 'reportId'),
      decision,
    );
    const back = principal.role === 'national-admin' ? province : null;
    return seeOther(
      withQuery(localizedPath('consoleReports', lang), { province: back, notice: done ? decision : 'gone' }),
    );
  }
  const reports = await listOpenReports(services.handle.db, services.keyring, province);
  return { principal, province, reports, notice: noticeOf(astro.url.searchParams, REPORT_NOTICES) };
}
