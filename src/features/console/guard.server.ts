/**
 * The console guard: every request to a console path passes here first (src/middleware.ts), so no console page can
 * forget a check. It
 * - answers an unknown console path with 404, and a signed-out request for a private route with the sign-in page
 *   (303, remembering where to return);
 * - refuses a POST from another site (Origin / Fetch Metadata) and, once signed in, a POST without the session's CSRF
 *   token, before any page code runs;
 * - sends anyone without a second factor (administrators and point staff alike) to set one up;
 * - marks every answer `Cache-Control: no-store` and `noindex`: console pages hold personal data.
 * What a signed-in person may reach within a page (their point's cases, their province) is decided by policy.ts.
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { localizedPath } from '#src/features/site/routes.ts';
import { checkPostOrigin } from '#src/lib/same-origin.ts';
import { readFormBody } from '#src/lib/form-body.server.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { useTranslations } from '#src/i18n/index.ts';
import { log } from '#src/lib/log.ts';
import { principalFromHeaders } from './auth/session.server.ts';
import { consoleRouteOf, PUBLIC_CONSOLE_ROUTES, TWO_FACTOR_SETUP_ROUTES } from './console-paths.ts';
import { CSRF_FIELD, csrfToken, isValidCsrfToken } from './csrf.server.ts';
import { MAX_IMPORT_FORM_BYTES } from './forms.server.ts';
import { getConsoleServices } from './services.server.ts';

function privateHeaders(response: Response): Response {
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Robots-Tag', 'noindex');
  return response;
}

const plain = (status: number, text: string) =>
  privateHeaders(new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } }));

const seeOther = (location: string) => privateHeaders(new Response(null, { status: 303, headers: { location } }));

export async function consoleGuard(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const route = consoleRouteOf(context.url.pathname);
  if (route === undefined) return privateHeaders(await next());
  const { id, lang } = route;
  const t = useTranslations(lang);
  const isPost = context.request.method === 'POST';
  if (isPost) {
    const env = (await import('#src/env.server.ts')).loadEnv();
    const own = [context.url.origin, ...(env.siteUrl === undefined ? [] : [env.siteUrl])];
    if (checkPostOrigin(context.request.headers, own) !== 'same-origin')
      return plain(403, t('console.refused.crossSite'));
  } else if (context.request.method !== 'GET' && context.request.method !== 'HEAD') {
    return plain(405, t('console.refused.method'));
  }

  let services;
  let principal;
  try {
    services = await getConsoleServices();
    principal = await principalFromHeaders(services, context.request.headers);
  } catch (error) {
    log.error('console.unavailable', { error: describeError(error) });
    return plain(503, t('console.unavailable'));
  }

  if (!PUBLIC_CONSOLE_ROUTES.has(id)) {
    if (principal === null) {
      const target = `${localizedPath('consoleSignIn', lang)}?next=${encodeURIComponent(context.url.pathname)}`;
      return seeOther(target);
    }
    if (isPost) {
      // The import page uploads a file: its body may be larger than a form's (the file itself is dropped here).
      const form = await readFormBody(
        context.request.clone(),
        id === 'consoleImport' ? MAX_IMPORT_FORM_BYTES : undefined,
      );
      const token = form.ok ? (form.fields.get(CSRF_FIELD) ?? '') : '';
      // An upload over the size limit was not read whole, so its token cannot be read: the import page refuses it
      // itself as "file too large" (it reads the same body with the same limit, and changes nothing).
      const oversizedUpload = id === 'consoleImport' && !form.ok && form.reason === 'too-large';
      if (!oversizedUpload && !isValidCsrfToken(services.keyring, principal.sessionId, token))
        return plain(403, t('console.refused.session'));
    }
    // Everyone sets up a second factor first: administrators manage staff, point staff read requests for help.
    if (!principal.twoFactorEnabled && !TWO_FACTOR_SETUP_ROUTES.has(id))
      return seeOther(`${localizedPath('consoleAccount', lang)}?setup=two-factor`);
  }

  context.locals.console = {
    principal,
    csrf: principal === null ? '' : csrfToken(services.keyring, principal.sessionId),
    route: id,
    lang,
  };
  return privateHeaders(await next());
}
