/** The dead letters page (`/quan-ly/thu-khong-gui-duoc`): see dead-letters.server.ts. */
import type { AstroGlobal } from 'astro';
import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { readConsoleForm, text } from '../forms.server.ts';
import { seeOther } from '../http.server.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { listDeadLettersFor, retryDeadLetterAsAdmin, type AdminDeadLetter } from './dead-letters.server.ts';
import { administrator, noticeOf, withQuery } from './page.server.ts';
import { provinceInScope } from './scope.ts';

export const DEAD_LETTER_NOTICES = ['retried', 'gone'] as const;

export interface DeadLettersPageModel {
  readonly principal: Principal;
  readonly province: string | null;
  readonly letters: readonly AdminDeadLetter[];
  readonly notice: (typeof DEAD_LETTER_NOTICES)[number] | undefined;
}

export async function deadLettersPage(astro: AstroGlobal, lang: Lang): Promise<DeadLettersPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const services = await getConsoleServices();
  const province = provinceInScope(principal, astro.url.searchParams);
  if (astro.request.method === 'POST') {
    const fields = (await readConsoleForm(astro.request)) ?? new URLSearchParams();
    const done = await retryDeadLetterAsAdmin(
      { db: services.handle.db, principal, now: services.clock.now() },
      text(fields, 'outboxId'),
    );
    return seeOther(
      withQuery(localizedPath('consoleDeadLetters', lang), {
        province: principal.role === 'national-admin' ? province : null,
        notice: done ? 'retried' : 'gone',
      }),
    );
  }
  const letters = await listDeadLettersFor(services.handle.db, principal, province);
  return { principal, province, letters, notice: noticeOf(astro.url.searchParams, DEAD_LETTER_NOTICES) };
}
