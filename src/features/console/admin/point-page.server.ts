/**
 * One point for its administrators (`/quan-ly/diem-ho-tro/[id]`): the fields people rely on (name, address, phones,
 * hours, services, status, and the notification address that is never shown publicly), "checked today", and the
 * point's staff (add, remove, invite). GET shows it; each POST runs one action and answers with a redirect back
 * (so a reload does not repeat it), or with the page, its error summary and what was typed.
 * A point that does not exist and a point of another province both answer 404.
 */
import type { AstroGlobal } from 'astro';
import type { FieldError } from '#src/components/form/types.ts';
import { formatHours } from '#src/features/directory/import/hours.ts';
import { useTranslations, type Lang, type MessageKey } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { normalizeEmail, readConsoleForm, text } from '../forms.server.ts';
import { seeOther } from '../http.server.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { administrator, noticeOf } from './page.server.ts';
import {
  addStaffToPoint,
  inviteToPoint,
  membersOfPoint,
  openInvitationsOfPoint,
  removeStaffFromPoint,
  staffToAdd,
} from './point-staff-changes.server.ts';
import { readPointForm, type PointFormValues } from './point-form.ts';
import { loadAdminPoint, markPointChecked, savePoint, type AdminPoint } from './points.server.ts';
import { openReportCountOfPoint } from './reports.server.ts';

export const POINT_NOTICES = ['saved', 'unchanged', 'checked', 'staff-added', 'staff-removed', 'invited'] as const;
export type PointNotice = (typeof POINT_NOTICES)[number];

export interface PointPageModel {
  readonly status: 200 | 400 | 404;
  readonly principal: Principal;
  readonly point: AdminPoint | undefined;
  readonly values: PointFormValues | undefined;
  readonly members: ReadonlyArray<{ userId: string; name: string; email: string }>;
  readonly candidates: ReadonlyArray<{ userId: string; name: string; email: string }>;
  readonly invitations: ReadonlyArray<{ id: string; email: string; expiresAt: Date }>;
  readonly openReports: number;
  readonly errors: readonly FieldError[];
  /** What was typed in the invitation form, shown back. */
  readonly invite: { readonly email: string; readonly lang: string };
  readonly notice: PointNotice | undefined;
}

/** The form's values as the point stands (phones one a line, hours in the template's wording). */
export function valuesOf(point: AdminPoint): PointFormValues {
  return {
    name: point.name,
    address: point.address ?? '',
    phones: point.phones.join('\n'),
    hours: formatHours(point.hours),
    services: point.services,
    status: point.status,
    notificationEmail: point.notificationEmail ?? '',
  };
}

export async function pointPage(astro: AstroGlobal, lang: Lang, pointId: string): Promise<PointPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const services = await getConsoleServices();
  const db = services.handle.db;
  const t = useTranslations(lang);
  const here = localizedPath('consolePoint', lang, { id: pointId });
  let errors: FieldError[] = [];
  let values: PointFormValues | undefined;
  let invite = { email: '', lang };

  const point = await loadAdminPoint(db, principal, pointId);
  if (point === undefined) {
    return {
      status: 404,
      principal,
      point: undefined,
      values: undefined,
      members: [],
      candidates: [],
      invitations: [],
      openReports: 0,
      errors: [],
      invite,
      notice: undefined,
    };
  }

  if (astro.request.method === 'POST') {
    const fields = (await readConsoleForm(astro.request)) ?? new URLSearchParams();
    const acting = { db, keyring: services.keyring, principal, now: services.clock.now() };
    const done = (notice: PointNotice, anchor = '') => seeOther(`${here}?notice=${notice}${anchor}`);
    const problem = (field: string, key: MessageKey, params?: Record<string, string | number>) => {
      errors = [{ field, message: t(key, params) }];
    };
    switch (text(fields, 'action')) {
      case 'save': {
        const read = readPointForm(fields);
        if (read.ok) {
          const changes = await savePoint(acting, pointId, read.edit);
          if (changes === undefined) return seeOther(localizedPath('consolePoints', lang));
          return done(changes.length === 0 ? 'unchanged' : 'saved');
        }
        values = read.values;
        errors = read.problems.map((found) => ({ field: found.field, message: t(found.key, found.params) }));
        break;
      }
      case 'checked':
        if (await markPointChecked(acting, pointId)) return done('checked');
        return seeOther(localizedPath('consolePoints', lang));
      case 'add-staff': {
        const userId = text(fields, 'add-userId');
        if (userId === '') problem('add-userId', 'console.admin.point.error.choosePerson');
        else {
          const result = await addStaffToPoint(acting, pointId, userId);
          if (result === 'not-allowed') problem('add-userId', 'console.admin.point.error.cannotAdd');
          else return done('staff-added', '#staff');
        }
        break;
      }
      case 'remove-staff': {
        const result = await removeStaffFromPoint(acting, pointId, text(fields, 'userId'));
        if (result === 'not-allowed') problem('add-userId', 'console.admin.point.error.cannotRemove');
        else return done('staff-removed', '#staff');
        break;
      }
      case 'invite': {
        const typed = text(fields, 'invite-email');
        const chosenLang = text(fields, 'invite-lang') === 'en' ? 'en' : 'vi';
        invite = { email: typed, lang: chosenLang };
        const email = normalizeEmail(typed);
        if (typed === '') problem('invite-email', 'console.admin.invite.error.emailRequired');
        else if (email === null) problem('invite-email', 'console.admin.invite.error.emailInvalid');
        else {
          const result = await inviteToPoint(acting, pointId, { email, lang: chosenLang });
          if (result === 'done') return done('invited', '#staff');
          problem(
            'invite-email',
            result === 'account-exists'
              ? 'console.admin.invite.error.accountExists'
              : result === 'already-invited'
                ? 'console.admin.invite.error.alreadyInvited'
                : 'console.admin.point.error.cannotAdd',
          );
        }
        break;
      }
      default:
        break;
    }
  }

  const now = services.clock.now();
  const fresh = errors.length > 0 ? point : ((await loadAdminPoint(db, principal, pointId)) ?? point);
  const [members, candidates, invitations, openReports] = await Promise.all([
    membersOfPoint(db, pointId),
    staffToAdd(db, pointId, fresh.provinceCode),
    openInvitationsOfPoint(db, pointId, now),
    openReportCountOfPoint(db, pointId),
  ]);
  return {
    status: errors.length > 0 ? 400 : 200,
    principal,
    point: fresh,
    values: values ?? valuesOf(fresh),
    members: members.map(({ userId, name, email }) => ({ userId, name, email })),
    candidates: candidates.filter((candidate) => candidate.userId !== principal.userId),
    invitations,
    openReports,
    errors,
    invite,
    notice: errors.length > 0 ? undefined : noticeOf(astro.url.searchParams, POINT_NOTICES),
  };
}
