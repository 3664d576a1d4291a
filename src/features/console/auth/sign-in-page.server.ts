/**
 * The sign-in page (`/quan-ly/dang-nhap`): e-mail and password, then — for an account with a second factor — the code
 * page. Wrong e-mail and wrong password get the same answer, so the page never tells whether an account exists.
 */
import type { AstroGlobal } from 'astro';
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { FieldError } from '#src/components/form/types.ts';
import { authUsers, staffProfiles } from '#src/db/schema/index.ts';
import { useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { recordAudit } from '../audit/record.server.ts';
import { safeNextPath } from '../console-paths.ts';
import { normalizeEmail, readConsoleForm, text } from '../forms.server.ts';
import { cookieHeaders, guardContext, seeOther } from '../http.server.ts';
import { getConsoleServices } from '../services.server.ts';
import { throttleSignIn } from './throttle.server.ts';

/** Notices the sign-in page can show above the form (`?notice=`). */
export const SIGN_IN_NOTICES = [
  'signed-out',
  'signed-out-everywhere',
  'account-created',
  'code-expired',
  'code-used',
  'password-changed',
] as const;
export type SignInNotice = (typeof SIGN_IN_NOTICES)[number];

export interface SignInModel {
  readonly status: 200 | 400 | 429 | 503;
  readonly email: string;
  readonly next: string;
  readonly errors: readonly FieldError[];
  readonly notice: SignInNotice | undefined;
}

export async function signInPage(astro: AstroGlobal, lang: Lang): Promise<SignInModel | Response> {
  const t = useTranslations(lang);
  const { principal } = guardContext(astro);
  const queryNext = astro.url.searchParams.get('next');
  const noticeParam = astro.url.searchParams.get('notice');
  const notice = SIGN_IN_NOTICES.find((value) => value === noticeParam);
  if (astro.request.method !== 'POST') {
    if (principal !== null) return seeOther(safeNextPath(queryNext, lang));
    return { status: 200, email: '', next: safeNextPath(queryNext, lang), errors: [], notice };
  }

  const fields = await readConsoleForm(astro.request);
  const next = safeNextPath(fields === null ? null : text(fields, 'next'), lang);
  const typedEmail = fields === null ? '' : text(fields, 'email');
  const password = fields?.get('password') ?? '';
  const errors: FieldError[] = [];
  const email = normalizeEmail(typedEmail);
  if (typedEmail === '') errors.push({ field: 'email', message: t('console.signIn.email.required') });
  else if (email === null) errors.push({ field: 'email', message: t('console.signIn.email.invalid') });
  if (password === '') errors.push({ field: 'password', message: t('console.signIn.password.required') });
  if (errors.length > 0 || email === null) return { status: 400, email: typedEmail, next, errors, notice: undefined };

  const services = await getConsoleServices();
  const throttle = await throttleSignIn(astro, services.keyring, email);
  if (!throttle.ok) {
    const minutes = Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60));
    return {
      status: 429,
      email: typedEmail,
      next,
      errors: [{ field: 'email', message: t('console.signIn.throttled', { minutes }) }],
      notice: undefined,
    };
  }

  const wrong = (): SignInModel => ({
    status: 400,
    email: typedEmail,
    next,
    errors: [{ field: 'email', message: t('console.signIn.wrong') }],
    notice: undefined,
  });
  let result;
  try {
    result = await services.auth.api.signInEmail({
      body: { email, password, rememberMe: false },
      headers: new Headers(),
      returnHeaders: true,
    });
  } catch (error) {
    if (isAPIError(error) && (error.statusCode === 401 || error.statusCode === 400 || error.statusCode === 403))
      return wrong();
    log.error('console.sign_in_failed', { error: describeError(error) });
    return {
      status: 503,
      email: typedEmail,
      next,
      errors: [{ field: 'email', message: t('console.unavailable') }],
      notice: undefined,
    };
  }

  // A disabled account, or one with no staff profile, does not sign in (its fresh session is revoked at once).
  const db = services.handle.db;
  const [account] = await db
    .select({ userId: authUsers.id, disabledAt: staffProfiles.disabledAt, provinceCode: staffProfiles.provinceCode })
    .from(authUsers)
    .innerJoin(staffProfiles, eq(staffProfiles.userId, authUsers.id))
    .where(eq(authUsers.email, email))
    .limit(1);
  if (account === undefined || account.disabledAt !== null) {
    if ('token' in result.response && result.response.token)
      await services.auth.api.signOut({ headers: cookieHeaders(astro.request, result.headers) }).catch(() => undefined);
    return wrong();
  }

  if ('twoFactorRedirect' in result.response && result.response.twoFactorRedirect) {
    return seeOther(`${localizedPath('consoleVerify', lang)}?next=${encodeURIComponent(next)}`, result.headers);
  }
  await recordAudit(db, {
    action: 'staff.signed-in',
    actorUserId: account.userId,
    at: services.clock.now(),
    provinceCode: account.provinceCode,
  });
  return seeOther(next, result.headers);
}
