/**
 * The case page (`/quan-ly/yeu-cau/[id]`): GET shows the case (and records the view); POST runs one action and answers
 * with a redirect to the page (so a reload does not repeat it) or, when the form needs correcting, the page with the
 * error summary and what was typed. After a hand-over the case is no longer this person's: back to the inbox.
 */
import type { AstroGlobal } from 'astro';
import type { FieldError } from '#src/components/form/types.ts';
import { useTranslations, type Lang, type MessageKey } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { readConsoleForm, text } from '../forms.server.ts';
import { requirePrincipal, seeOther } from '../http.server.ts';
import { getConsoleServices } from '../services.server.ts';
import { runCaseAction, type ActionProblem, type CaseAction } from './case-actions.server.ts';
import { handoverTargets, loadCaseDetail, provinceAdministrators, type CaseDetail } from './case-detail.server.ts';

export interface CasePageModel {
  readonly status: 200 | 400 | 404;
  readonly detail: CaseDetail | undefined;
  readonly errors: readonly FieldError[];
  /** The form that failed and what was typed in it, shown back. */
  readonly failed: { readonly action: string; readonly values: Readonly<Record<string, string>> } | undefined;
  readonly notice: string | undefined;
  readonly targets: ReadonlyArray<{ id: string; name: string; organization: string }>;
  /** The province's administrators: the designated contacts for a safeguarding concern. */
  readonly provinceContacts: ReadonlyArray<{ name: string; email: string }>;
  readonly csrf: string;
}

const PROBLEM_KEYS: Record<ActionProblem, MessageKey> = {
  'text-required': 'console.case.error.textRequired',
  'text-too-long': 'console.case.error.textTooLong',
  'text-invalid': 'console.case.error.textInvalid',
  'choose-outcome': 'console.case.error.chooseOutcome',
  'choose-point': 'console.case.error.choosePoint',
  'choose-reason': 'console.case.error.chooseReason',
  'choose-safeguarding': 'console.case.error.chooseSafeguarding',
  'not-allowed-now': 'console.case.error.notAllowedNow',
  'unknown-action': 'console.case.error.notAllowedNow',
};

const NOTICES: readonly string[] = ['acknowledge-done', 'reply-done', 'note-done', 'close-done', 'safeguard-done'];

export async function casePage(astro: AstroGlobal, lang: Lang, caseId: string): Promise<CasePageModel | Response> {
  const principal = requirePrincipal(astro);
  const services = await getConsoleServices();
  const csrf = astro.locals.console?.csrf ?? '';
  const here = localizedPath('consoleCase', lang, { id: caseId });
  let errors: FieldError[] = [];
  let failed: CasePageModel['failed'];

  if (astro.request.method === 'POST') {
    const fields = (await readConsoleForm(astro.request)) ?? new URLSearchParams();
    const action = text(fields, 'action');
    const result = await runCaseAction(
      { db: services.handle.db, keyring: services.keyring, principal, now: services.clock.now() },
      caseId,
      action,
      fields,
    );
    if (result.kind === 'gone' || (result.kind === 'done' && result.notice === 'handover-done'))
      return seeOther(`${localizedPath('console', lang)}${result.kind === 'done' ? '?notice=handover-done' : ''}`);
    if (result.kind === 'done') return seeOther(`${here}?notice=${result.notice}#top`);
    const t = useTranslations(lang);
    errors = [{ field: `${action as CaseAction}-${result.field}`, message: t(PROBLEM_KEYS[result.problem]) }];
    const typed = (name: string) => fields.get(`${action}-${name}`) ?? '';
    failed = {
      action,
      values: { text: typed('text'), toPoint: typed('toPoint'), reason: typed('reason'), outcome: typed('outcome') },
    };
  }

  const detail = await loadCaseDetail(services.handle.db, services.keyring, principal, caseId, services.clock.now());
  if (detail === undefined)
    return {
      status: 404,
      detail,
      errors: [],
      failed: undefined,
      notice: undefined,
      targets: [],
      provinceContacts: [],
      csrf,
    };
  const [targets, provinceContacts] = await Promise.all([
    handoverTargets(services.handle.db, detail.point.id, detail.point.provinceCode),
    provinceAdministrators(services.handle.db, detail.point.provinceCode),
  ]);
  const noticeParam = astro.url.searchParams.get('notice') ?? '';
  return {
    status: errors.length > 0 ? 400 : 200,
    detail,
    errors,
    failed,
    notice: NOTICES.includes(noticeParam) ? noticeParam : undefined,
    targets,
    provinceContacts,
    csrf,
  };
}
