/**
 * The account page (`/quan-ly/tai-khoan`): who you are and what you may reach; the second factor (required of everyone,
 * who is sent here until it is set up); your password; signing out on every device; the language of
 * your e-mails.
 */
import type { AstroGlobal } from 'astro';
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { renderSVG } from 'uqr';
import type { FieldError } from '#src/components/form/types.ts';
import { staffProfiles } from '#src/db/schema/index.ts';
import { isLang, useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { recordAudit } from '../audit/record.server.ts';
import { readConsoleForm, text } from '../forms.server.ts';
import { cookieHeaders, requirePrincipal, seeOther } from '../http.server.ts';
import type { Principal } from '../principal.ts';
import { pointsOf } from '../cases/points.server.ts';
import { getConsoleServices, type ConsoleServices } from '../services.server.ts';
import { newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.server.ts';

/** The second-factor set-up in progress: the QR code to scan, the secret to type, the backup codes to keep. */
export interface TwoFactorSetup {
  readonly totpUri: string;
  readonly secret: string;
  readonly qrSvg: string;
  readonly backupCodes: readonly string[];
}

export type AccountNotice = 'two-factor-required' | 'two-factor-enabled' | 'language-saved';

export interface AccountModel {
  readonly status: 200 | 400;
  readonly principal: Principal;
  readonly errors: readonly FieldError[];
  readonly notice: AccountNotice | undefined;
  /** Set while the person is setting up the second factor. */
  readonly setup: TwoFactorSetup | undefined;
  /** The names of the points a member of staff works for. */
  readonly pointNames: readonly string[];
}

function setupFrom(totpUri: string, backupCodes: readonly string[]): TwoFactorSetup {
  const secret = new URL(totpUri).searchParams.get('secret') ?? '';
  const qrSvg = renderSVG(totpUri, { ecc: 'M', border: 1 });
  return { totpUri, secret, qrSvg, backupCodes };
}

export async function accountPage(astro: AstroGlobal, lang: Lang): Promise<AccountModel | Response> {
  const principal = requirePrincipal(astro);
  const services = await getConsoleServices();
  const pointNames = (await pointsOf(services.handle.db, principal.pointIds)).map((point) => point.name);
  const here = localizedPath('consoleAccount', lang);
  const setupRequired = astro.url.searchParams.get('setup') === 'two-factor' && !principal.twoFactorEnabled;
  const noticeParam = astro.url.searchParams.get('notice');
  const base: AccountModel = {
    status: 200,
    principal,
    errors: [],
    notice: setupRequired
      ? 'two-factor-required'
      : noticeParam === 'two-factor-enabled' || noticeParam === 'language-saved'
        ? noticeParam
        : undefined,
    setup: undefined,
    pointNames,
  };
  if (astro.request.method !== 'POST') return base;

  const t = useTranslations(lang);
  const fields = (await readConsoleForm(astro.request)) ?? new URLSearchParams();
  const headers = cookieHeaders(astro.request);
  const fail = (
    field: string,
    key: Parameters<typeof t>[0],
    setup?: TwoFactorSetup,
    params?: Record<string, number>,
  ) => ({
    ...base,
    status: 400 as const,
    errors: [{ field, message: t(key, params) }],
    setup,
  });

  switch (text(fields, 'action')) {
    case 'start-two-factor': {
      const password = fields.get('password') ?? '';
      if (password === '') return fail('password', 'console.account.password.required');
      try {
        const started = await services.auth.api.enableTwoFactor({ body: { password }, headers });
        if (started.method !== 'totp') throw new Error('better-auth started a second factor that is not TOTP');
        return { ...base, notice: undefined, setup: setupFrom(started.totpURI, started.backupCodes) };
      } catch (error) {
        if (isAPIError(error)) return fail('password', 'console.account.password.wrong');
        throw error;
      }
    }
    case 'confirm-two-factor': {
      const totpUri = text(fields, 'totpUri');
      const backupCodes = text(fields, 'backupCodes').split(/\s+/).filter(Boolean);
      const setup = totpUri.startsWith('otpauth://') ? setupFrom(totpUri, backupCodes) : undefined;
      const code = text(fields, 'code').replace(/\s/g, '');
      if (!/^\d{6}$/.test(code)) return fail('code', 'console.verify.code.format', setup);
      try {
        const verified = await services.auth.api.verifyTOTP({ body: { code }, headers, returnHeaders: true });
        await recordAudit(services.handle.db, {
          action: 'staff.two-factor-enabled',
          actorUserId: principal.userId,
          at: services.clock.now(),
          provinceCode: principal.provinceCode,
        });
        return seeOther(`${here}?notice=two-factor-enabled`, verified.headers);
      } catch (error) {
        if (isAPIError(error)) return fail('code', 'console.verify.code.wrong', setup);
        throw error;
      }
    }
    case 'change-password':
      return changePassword(services, principal, fields, headers, lang, fail);
    case 'sign-out-everywhere': {
      await recordAudit(services.handle.db, {
        action: 'staff.signed-out-everywhere',
        actorUserId: principal.userId,
        at: services.clock.now(),
        provinceCode: principal.provinceCode,
      });
      await services.auth.api.revokeSessions({ headers });
      const cleared = await services.auth.api.signOut({ headers, returnHeaders: true }).catch(() => null);
      return seeOther(`${localizedPath('consoleSignIn', lang)}?notice=signed-out-everywhere`, cleared?.headers ?? null);
    }
    case 'language': {
      const chosen = text(fields, 'mailLang');
      if (!isLang(chosen)) return fail('mailLang', 'console.account.mailLang.required');
      await services.handle.db
        .update(staffProfiles)
        .set({ lang: chosen })
        .where(eq(staffProfiles.userId, principal.userId));
      return seeOther(`${here}?notice=language-saved`);
    }
    default:
      return base;
  }
}

async function changePassword(
  services: ConsoleServices,
  principal: Principal,
  fields: URLSearchParams,
  headers: Headers,
  lang: Lang,
  fail: (
    field: string,
    key:
      | 'console.account.password.required'
      | 'console.account.password.wrong'
      | 'console.account.newPassword.length'
      | 'console.account.newPassword.same'
      | 'console.account.newPassword.common',
    setup?: undefined,
    params?: Record<string, number>,
  ) => AccountModel,
): Promise<AccountModel | Response> {
  const currentPassword = fields.get('currentPassword') ?? '';
  const newPassword = fields.get('newPassword') ?? '';
  if (currentPassword === '') return fail('currentPassword', 'console.account.password.required');
  const problem = newPasswordProblem(newPassword);
  if (problem === 'length')
    return fail('newPassword', 'console.account.newPassword.length', undefined, {
      min: PASSWORD_MIN_LENGTH,
      max: PASSWORD_MAX_LENGTH,
    });
  if (newPassword === currentPassword) return fail('newPassword', 'console.account.newPassword.same');
  if (problem === 'common') return fail('newPassword', 'console.account.newPassword.common');
  try {
    await services.auth.api.changePassword({
      body: { currentPassword, newPassword, revokeOtherSessions: true },
      headers,
    });
  } catch (error) {
    if (isAPIError(error)) return fail('currentPassword', 'console.account.password.wrong');
    throw error;
  }
  void principal;
  const cleared = await services.auth.api.signOut({ headers, returnHeaders: true }).catch(() => null);
  return seeOther(`${localizedPath('consoleSignIn', lang)}?notice=password-changed`, cleared?.headers ?? null);
}
