import type { Lang } from '#src/i18n/index.ts';
import { routes } from '#src/features/site/routes.ts';

/**
 * Pages a notice links to. The follow-up page and the console are public contracts (`routes.ts`); the invitation and
 * sign-in pages are the console's, and take the one-time token as `?token=` (the database keeps only its hash, the
 * outbox row keeps it sealed, and the link is built here at send time).
 */
export const mailPaths = {
  track: routes.track,
  console: routes.console,
  invitation: routes.consoleInvitation,
  signIn: routes.consoleSignIn,
} as const satisfies Record<string, Record<Lang, string>>;

/** The path of a page with a one-time token. */
export function tokenPath(page: 'invitation' | 'signIn', lang: Lang, token: string): string {
  return `${mailPaths[page][lang]}?token=${encodeURIComponent(token)}`;
}
