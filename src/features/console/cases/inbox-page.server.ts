/** The console's home (`/quan-ly`): the inbox for point staff; the administration overview for administrators. */
import type { AstroGlobal } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import { requirePrincipal } from '../http.server.ts';
import { canUseInbox } from '../policy.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { loadInbox, readInboxFilters, type Inbox, type InboxFilters } from './inbox.server.ts';
import { pointsOf } from './points.server.ts';

export interface InboxPageModel {
  readonly principal: Principal;
  readonly inbox: Inbox | undefined;
  readonly filters: InboxFilters | undefined;
  readonly points: ReadonlyArray<{ id: string; name: string }>;
  readonly notice: 'handover-done' | undefined;
  readonly escalationWorkingDays: number;
}

export async function inboxPage(astro: AstroGlobal, _lang: Lang): Promise<InboxPageModel> {
  const principal = requirePrincipal(astro);
  const services = await getConsoleServices();
  const notice = astro.url.searchParams.get('notice') === 'handover-done' ? 'handover-done' : undefined;
  const base = { principal, notice, escalationWorkingDays: services.escalationWorkingDays } as const;
  if (!canUseInbox(principal)) return { ...base, inbox: undefined, filters: undefined, points: [] };
  const filters = readInboxFilters(astro.url.searchParams, principal.pointIds);
  const [inbox, points] = await Promise.all([
    loadInbox(services.handle.db, principal.pointIds, filters, services.clock.now(), services.escalationWorkingDays),
    pointsOf(services.handle.db, principal.pointIds),
  ]);
  return { ...base, inbox, filters, points };
}
