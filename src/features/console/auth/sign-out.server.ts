import type { Lang } from '#src/i18n/index.ts';
import { localizedPath } from '#src/features/site/routes.ts';
import { cookieHeaders, seeOther } from '../http.server.ts';
import { getConsoleServices } from '../services.server.ts';

/**
 * Signing out (`POST /quan-ly/dang-xuat`): the session row is deleted and its cookie cleared. A GET only shows the
 * sign-in page, so a link or an image on another site cannot sign anyone out.
 */
export async function signOut(astro: { request: Request }, lang: Lang): Promise<Response> {
  const signIn = localizedPath('consoleSignIn', lang);
  if (astro.request.method !== 'POST') return seeOther(signIn);
  const services = await getConsoleServices();
  const result = await services.auth.api
    .signOut({ headers: cookieHeaders(astro.request), returnHeaders: true })
    .catch(() => null);
  return seeOther(`${signIn}?notice=signed-out`, result?.headers ?? null);
}
