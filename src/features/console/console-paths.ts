import type { Lang } from '#src/i18n/index.ts';
import { langOfPath, routes, type RouteId } from '#src/features/site/routes.ts';

/** Every route of the console (`/quan-ly…`, `/en/console…`). */
export const CONSOLE_ROUTE_IDS = [
  'console',
  'consoleSignIn',
  'consoleVerify',
  'consoleSignOut',
  'consoleInvitation',
  'consoleAccount',
  'consoleCase',
  'consolePoints',
  'consolePoint',
  'consoleStaff',
  'consoleReports',
  'consoleCounts',
  'consoleAudit',
  'consoleDeadLetters',
  'consoleImport',
] as const satisfies readonly RouteId[];
export type ConsoleRouteId = (typeof CONSOLE_ROUTE_IDS)[number];

/**
 * Console routes a person reaches before being signed in: signing in (both steps), accepting an invitation, signing
 * out. Every other console route requires a session; the console guard (src/middleware.ts) enforces it.
 */
export const PUBLIC_CONSOLE_ROUTES: ReadonlySet<ConsoleRouteId> = new Set([
  'consoleSignIn',
  'consoleVerify',
  'consoleInvitation',
  'consoleSignOut',
]);

/** Routes an administrator without a second factor may still use (to set it up, or leave). */
export const TWO_FACTOR_SETUP_ROUTES: ReadonlySet<ConsoleRouteId> = new Set(['consoleAccount', 'consoleSignOut']);

/** A route pattern (`/quan-ly/yeu-cau/[id]`) as a regular expression matching its paths (trailing slash or not). */
function matcher(pattern: string): RegExp {
  const segments = pattern
    .split('/')
    .map((segment) => (/^\[\w+\]$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`);
}

const matchers = CONSOLE_ROUTE_IDS.flatMap((id) =>
  (['vi', 'en'] as const).map((lang) => ({ id, lang, re: matcher(routes[id][lang]) })),
);

/** Whether a path belongs to the console (the guard runs for these). */
export function isConsolePath(pathname: string): boolean {
  return (
    pathname === routes.console.vi ||
    pathname.startsWith(`${routes.console.vi}/`) ||
    pathname === routes.console.en ||
    pathname.startsWith(`${routes.console.en}/`)
  );
}

/** The console route a path is, with its language; undefined for an unknown console path (a 404). */
export function consoleRouteOf(pathname: string): { id: ConsoleRouteId; lang: Lang } | undefined {
  const found = matchers.find((entry) => entry.re.test(pathname));
  return found === undefined ? undefined : { id: found.id, lang: found.lang };
}

/** Whether `next` is a safe place to return to after signing in: a console path on this site, nothing else. */
export function safeNextPath(next: string | null | undefined, lang: Lang): string {
  const fallback = routes.console[lang];
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
    return fallback;
  const path = next.split('?')[0]?.split('#')[0] ?? '';
  return isConsolePath(path) && langOfPath(path) === lang ? path : fallback;
}
