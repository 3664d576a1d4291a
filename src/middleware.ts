import { defineMiddleware } from 'astro:middleware';
import { isConsolePath } from '#src/features/console/console-paths.ts';

/**
 * Runs for on-demand pages only (prerendered pages never reach it; their headers come from src/server/). The console
 * is on demand, so its guard lives here: see src/features/console/guard.server.ts.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (!isConsolePath(context.url.pathname)) return next();
  const { consoleGuard } = await import('#src/features/console/guard.server.ts');
  return consoleGuard(context, next);
});
