/**
 * The staff page (`/quan-ly/can-bo`): the province's accounts and pending invitations; invite an administrator,
 * revoke an invitation, disable an account. A national administrator chooses a province, or sees the national
 * administrators. Point staff are added and invited on each point's page.
 */
import type { AstroGlobal } from 'astro';
import type { FieldError } from '#src/components/form/types.ts';
import { useTranslations, type Lang, type MessageKey } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { normalizeEmail, readConsoleForm, text } from '../forms.server.ts';
import { seeOther } from '../http.server.ts';
import { canDisableAccount, canRevokeInvitation } from '../policy.ts';
import type { Principal } from '../principal.ts';
import { getConsoleServices } from '../services.server.ts';
import { administrator, noticeOf, withQuery } from './page.server.ts';
import { provinceCodeOrNull, provinceInScope } from './scope.ts';
import {
  disableAccount,
  inviteAdmin,
  listAccounts,
  listPendingInvitations,
  revokeInvitation,
  type PendingInvitation,
  type StaffAccount,
} from './staff-accounts.server.ts';

export const STAFF_NOTICES = ['invited', 'revoked', 'disabled', 'gone'] as const;

export interface StaffAccountsPageModel {
  readonly status: 200 | 400;
  readonly principal: Principal;
  readonly province: string | null;
  readonly accounts: ReadonlyArray<StaffAccount & { readonly canDisable: boolean }>;
  readonly invitations: ReadonlyArray<PendingInvitation & { readonly canRevoke: boolean }>;
  readonly errors: readonly FieldError[];
  readonly invite: { readonly email: string; readonly role: string; readonly province: string; readonly lang: string };
  readonly notice: (typeof STAFF_NOTICES)[number] | undefined;
}

export async function staffAccountsPage(astro: AstroGlobal, lang: Lang): Promise<StaffAccountsPageModel | Response> {
  const principal = administrator(astro, lang);
  if (principal instanceof Response) return principal;
  const services = await getConsoleServices();
  const db = services.handle.db;
  const t = useTranslations(lang);
  const province = provinceInScope(principal, astro.url.searchParams);
  const back = (notice: string) =>
    seeOther(
      withQuery(localizedPath('consoleStaff', lang), {
        province: principal.role === 'national-admin' ? province : null,
        notice,
      }),
    );
  let errors: FieldError[] = [];
  let invite = { email: '', role: 'province-admin', province: province ?? '', lang };

  if (astro.request.method === 'POST') {
    const fields = (await readConsoleForm(astro.request)) ?? new URLSearchParams();
    const acting = { db, keyring: services.keyring, principal, now: services.clock.now() };
    switch (text(fields, 'action')) {
      case 'revoke':
        return back((await revokeInvitation(acting, text(fields, 'invitationId'))) ? 'revoked' : 'gone');
      case 'disable':
        return back((await disableAccount(acting, text(fields, 'userId'))) ? 'disabled' : 'gone');
      case 'invite-admin': {
        const typed = text(fields, 'admin-email');
        const role = text(fields, 'admin-role');
        const chosenProvince =
          principal.role === 'province-admin' ? (principal.provinceCode ?? '') : text(fields, 'admin-province');
        const chosenLang = text(fields, 'admin-lang') === 'en' ? 'en' : 'vi';
        invite = { email: typed, role, province: chosenProvince, lang: chosenLang };
        const problems: Array<[string, MessageKey]> = [];
        const email = normalizeEmail(typed);
        if (typed === '') problems.push(['admin-email', 'console.admin.invite.error.emailRequired']);
        else if (email === null) problems.push(['admin-email', 'console.admin.invite.error.emailInvalid']);
        const validRole =
          role === 'province-admin' || (role === 'national-admin' && principal.role === 'national-admin');
        if (!validRole) problems.push(['admin-role', 'console.admin.staff.error.chooseRole']);
        const provinceCode = provinceCodeOrNull(chosenProvince);
        if (role === 'province-admin' && provinceCode === null)
          problems.push(['admin-province', 'console.admin.staff.error.chooseProvince']);
        if (problems.length === 0 && email !== null) {
          const result = await inviteAdmin(acting, {
            email,
            role: role === 'national-admin' ? 'national-admin' : 'province-admin',
            provinceCode,
            lang: chosenLang,
          });
          if (result === 'done') return back('invited');
          problems.push([
            'admin-email',
            result === 'account-exists'
              ? 'console.admin.invite.error.accountExists'
              : result === 'already-invited'
                ? 'console.admin.invite.error.alreadyInvited'
                : 'console.admin.staff.error.chooseProvince',
          ]);
        }
        errors = problems.map(([field, key]) => ({ field, message: t(key) }));
        break;
      }
      default:
        break;
    }
  }

  const now = services.clock.now();
  const accounts = await listAccounts(db, province);
  const invitations = await listPendingInvitations(db, province, now);
  const withRights = accounts.map((account) => ({
    ...account,
    canDisable:
      account.disabledAt === null &&
      canDisableAccount(principal, {
        userId: account.userId,
        role: account.role,
        provinces:
          account.role === 'province-admin' && account.provinceCode !== null
            ? [account.provinceCode]
            : account.role === 'point-staff'
              ? [...new Set(account.points.map((point) => point.provinceCode))]
              : [],
      }),
  }));
  return {
    status: errors.length > 0 ? 400 : 200,
    principal,
    province,
    accounts: withRights,
    invitations: invitations.map((invitation) => ({
      ...invitation,
      canRevoke: canRevokeInvitation(principal, invitation),
    })),
    errors,
    invite,
    notice: errors.length > 0 ? undefined : noticeOf(astro.url.searchParams, STAFF_NOTICES),
  };
}
