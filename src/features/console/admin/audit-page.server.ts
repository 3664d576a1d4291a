/** The audit log page (`/quan-ly/nhat-ky`): see audit-log.server.ts. */
import type { AstroGlobal } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { loadAuditPage, readAuditFilters, type AuditFilters, type AuditPage } from './audit-log.server.ts';
import { administrator } from './page.server.ts';
import { provinceInScope } from './scope.ts';

export interface AuditPageModel {
  readonly principal: Principal;
  readonly filters: AuditFilters;
  readonly page: AuditPage;
}

export async function auditPage(astro: AstroGlobal, lang: Lang): Promise<AuditPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const services = await getConsoleServices();
  const filters = readAuditFilters(astro.url.searchParams, provinceInScope(principal, astro.url.searchParams));
  return { principal, filters, page: await loadAuditPage(services.handle.db, principal, filters) };
}
