/**
 * The second sign-in step (`/quan-ly/xac-minh`): the 6-digit code from an authenticator app, or one of the backup
 * codes given when the second factor was set up. It works only within a few minutes of the password step (better-auth's
 * signed `two_factor` cookie), and better-auth locks the step after repeated wrong codes.
 */
import type { AstroGlobal } from 'astro';
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { FieldError } from '#src/components/form/types.ts';
import { staffProfiles } from '#src/db/schema/index.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { recordAudit } from '../audit/record.server.ts';
import { safeNextPath } from '../console-paths.ts';
import { readConsoleForm, text } from '../forms.server.ts';
import { cookieHeaders, guardContext, seeOther } from '../http.server.ts';
import { getConsoleServices } from '../services.server.ts';
import { COOKIE_PREFIX } from './auth.server.ts';
import { recoveryCodeAsIssued } from './recovery-codes.ts';

export interface VerifyModel {
  readonly status: 200 | 400 | 503;
  readonly next: string;
  readonly errors: readonly FieldError[];
  /** Whether the form asks for a backup code instead of the app's code. */
  readonly backup: boolean;
}

const hasTwoFactorCookie = (request: Request): boolean =>
  (request.headers.get('cookie') ?? '')
    .split(';')
    .some((part) => part.trim().startsWith(`${COOKIE_PREFIX}.two_factor=`));

export async function verifyPage(astro: AstroGlobal, lang: Lang): Promise<VerifyModel | Response> {
  const t = useTranslations(lang);
  const { principal } = guardContext(astro);
  const signIn = (notice?: string) =>
    seeOther(`${localizedPath('consoleSignIn', lang)}${notice ? `?notice=${notice}` : ''}`);
  if (principal !== null) return seeOther(localizedPath('console', lang));
  if (!hasTwoFactorCookie(astro.request)) return signIn('code-expired');
  const backupParam = astro.url.searchParams.get('backup') === '1';
  if (astro.request.method !== 'POST')
    return {
      status: 200,
      next: safeNextPath(astro.url.searchParams.get('next'), lang),
      errors: [],
      backup: backupParam,
    };

  const fields = await readConsoleForm(astro.request);
  const next = safeNextPath(fields === null ? null : text(fields, 'next'), lang);
  const backup = fields !== null && text(fields, 'kind') === 'backup';
  const typed = fields === null ? '' : text(fields, 'code');
  // A recovery code is compared as issued, hyphen included; an app's code is six digits, however they were spaced.
  const code = backup ? recoveryCodeAsIssued(typed) : typed.replace(/[\s-]/g, '');
  const field = 'code';
  if (code === '')
    return { status: 400, next, backup, errors: [{ field, message: t('console.verify.code.required') }] };
  if (!backup && !/^\d{6}$/.test(code))
    return { status: 400, next, backup, errors: [{ field, message: t('console.verify.code.format') }] };

  const services = await getConsoleServices();
  const headers = cookieHeaders(astro.request);
  let result;
  try {
    result = backup
      ? await services.auth.api.verifyBackupCode({ body: { code, trustDevice: false }, headers, returnHeaders: true })
      : await services.auth.api.verifyTOTP({ body: { code, trustDevice: false }, headers, returnHeaders: true });
  } catch (error) {
    if (isAPIError(error)) {
      // A code already used (used-totp-codes.server.ts): its sign-in step is spent, so the person starts again.
      if (error.body?.code === 'TOTP_CODE_USED') return signIn('code-used');
      const locked = error.statusCode === 429 || /locked|too many/i.test(error.message);
      if (error.statusCode === 401 && /two factor|session/i.test(error.message) && !/code/i.test(error.message))
        return signIn('code-expired');
      return {
        status: 400,
        next,
        backup,
        errors: [{ field, message: t(locked ? 'console.verify.code.locked' : 'console.verify.code.wrong') }],
      };
    }
    log.error('console.verify_failed', { error: describeError(error) });
    return { status: 503, next, backup, errors: [{ field, message: t('console.unavailable') }] };
  }
  const userId = result.response.user.id;
  const [profile] = await services.handle.db
    .select({ provinceCode: staffProfiles.provinceCode })
    .from(staffProfiles)
    .where(eq(staffProfiles.userId, userId))
    .limit(1);
  await recordAudit(services.handle.db, {
    action: 'staff.signed-in',
    actorUserId: userId,
    at: services.clock.now(),
    provinceCode: profile?.provinceCode ?? null,
    detail: backup ? 'backup-code' : 'totp',
  });
  return seeOther(next, result.headers);
}
