/**
 * The sign-in page (`/quan-ly/dang-nhap`): e-mail and password, then — for an account with a second factor — the code
 * page. Wrong e-mail and wrong password get the same answer, so the page never tells whether an account exists.
 */
import type { AstroGlobal } from 'astro';
import type { FieldError } from '#src/components/form/types.ts';
import { plural, useTranslations, type Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { recordAudit } from '../audit/record.server.ts';
import { safeNextPath } from '../console-paths.ts';
import { normalizeEmail, readConsoleForm, text } from '../forms.server.ts';
import { guardContext, seeOther } from '../http.server.ts';
import { getConsoleServices } from '../services.server.ts';
import { signInWithPassword } from './password-sign-in.server.ts';

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
  /** With a 429: when to try again (the page sends it as Retry-After). */
  readonly retryAfterSeconds?: number;
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
  const { getAntiAbuse } = await import('#src/features/anti-abuse/services.server.ts');
  const antiAbuse = await getAntiAbuse();
  const outcome = await signInWithPassword(services, antiAbuse.limits, {
    email,
    password,
    client: await antiAbuse.keyer.clientKeyOf(astro),
    cookieHeader: astro.request.headers.get('cookie'),
  });
  const refused = (status: SignInModel['status'], message: string, retryAfterSeconds?: number): SignInModel => ({
    status,
    email: typedEmail,
    next,
    errors: [{ field: 'email', message }],
    notice: undefined,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
  switch (outcome.kind) {
    case 'client-limited':
      return refused(
        429,
        t('console.signIn.throttled', { minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }),
        outcome.retryAfterSeconds,
      );
    case 'slowed':
      return refused(
        429,
        plural(lang, outcome.retryAfterSeconds, {
          one: t('console.signIn.slowed.one'),
          other: t('console.signIn.slowed.other'),
        }),
        outcome.retryAfterSeconds,
      );
    case 'wrong':
      return refused(400, t('console.signIn.wrong'));
    case 'unavailable':
      return refused(503, t('console.unavailable'));
  }
  if (outcome.twoFactor)
    return seeOther(`${localizedPath('consoleVerify', lang)}?next=${encodeURIComponent(next)}`, outcome.headers);
  await recordAudit(services.handle.db, {
    action: 'staff.signed-in',
    actorUserId: outcome.userId,
    at: services.clock.now(),
    provinceCode: outcome.provinceCode,
  });
  return seeOther(next, outcome.headers);
}
