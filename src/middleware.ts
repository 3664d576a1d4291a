import { defineMiddleware } from 'astro:middleware';
import { isConsolePath } from '#src/features/console/console-paths.ts';
import { refuseCrossSite } from '#src/features/site/origin-check.server.ts';

/**
 * Runs for on-demand pages only (prerendered pages never reach it; their headers come from src/server/). First the
 * cross-site form check, ours instead of Astro's because it must know the public address at run time (see
 * src/features/site/origin-check.server.ts). The console is on demand, so its guard lives here too: see
 * src/features/console/guard.server.ts.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const refused = refuseCrossSite(context.request, context.url);
  if (refused !== undefined) return refused;
  if (!isConsolePath(context.url.pathname)) return next();
  const { consoleGuard } = await import('#src/features/console/guard.server.ts');
  return consoleGuard(context, next);
});
