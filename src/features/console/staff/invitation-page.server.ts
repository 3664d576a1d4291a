/**
 * Accepting an invitation (`/quan-ly/loi-moi?token=…`): the link from the e-mail opens a form for a name and a
 * password; the token travels on in a hidden field. Whatever is wrong with a token (unknown, used, revoked, expired),
 * the page says the same thing: ask for a new invitation.
 */
import type { AstroGlobal } from 'astro';
import type { FieldError } from '#src/components/form/types.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.server.ts';
import { readConsoleForm, text } from '../forms.server.ts';
import { seeOther } from '../http.server.ts';
import { getConsoleServices } from '../services.server.ts';
import { acceptInvitation, findOpenInvitation, type OpenInvitation } from './invitations.server.ts';

export interface InvitationModel {
  readonly status: 200 | 400 | 404;
  readonly invitation: OpenInvitation | undefined;
  readonly token: string;
  readonly name: string;
  readonly errors: readonly FieldError[];
}

export async function invitationPage(astro: AstroGlobal, lang: Lang): Promise<InvitationModel | Response> {
  const t = useTranslations(lang);
  const services = await getConsoleServices();
  const now = services.clock.now();
  const post = astro.request.method === 'POST';
  const fields = post ? ((await readConsoleForm(astro.request)) ?? new URLSearchParams()) : undefined;
  const token = fields === undefined ? (astro.url.searchParams.get('token') ?? '') : text(fields, 'token');
  const invitation = await findOpenInvitation(services.handle.db, services.keyring, token, now);
  if (invitation === undefined) return { status: 404, invitation, token: '', name: '', errors: [] };
  if (fields === undefined) return { status: 200, invitation, token, name: '', errors: [] };

  const name = text(fields, 'name');
  const password = fields.get('password') ?? '';
  const confirm = fields.get('passwordConfirm') ?? '';
  const errors: FieldError[] = [];
  if (name === '') errors.push({ field: 'name', message: t('console.invitation.name.required') });
  else if (name.length > 120) errors.push({ field: 'name', message: t('console.invitation.name.tooLong') });
  const problem = newPasswordProblem(password);
  if (problem === 'length')
    errors.push({
      field: 'password',
      message: t('console.account.newPassword.length', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
    });
  else if (problem === 'common') errors.push({ field: 'password', message: t('console.invitation.password.common') });
  else if (confirm !== password)
    errors.push({ field: 'passwordConfirm', message: t('console.invitation.confirm.differs') });
  if (errors.length > 0) return { status: 400, invitation, token, name, errors };

  const userId = await acceptInvitation(services.handle.db, services.keyring, { token, name, password }, now);
  if (userId === undefined) return { status: 404, invitation: undefined, token: '', name: '', errors: [] };
  return seeOther(`${localizedPath('consoleSignIn', lang)}?notice=account-created`);
}
