import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '#src/lib/log.ts';
import { createRouteLabeler, STATIC_FILE_PATTERNS, type RouteLabeler } from './route-label.ts';

/**
 * The labeler over the build's own routes (dist/routes.json, written by src/integrations/route-manifest.mjs) and the
 * static files beside them: the list is fixed when the portal is built, and a new page gets its label without an edit
 * here.
 */
export function routeLabelerFromBuild(root: string): RouteLabeler {
  const file = join(root, 'dist/routes.json');
  if (!existsSync(file)) {
    log.warn('metrics.no_route_list', { file: 'dist/routes.json', note: 'every request is counted as route=other' });
    return createRouteLabeler(STATIC_FILE_PATTERNS);
  }
  const routes = JSON.parse(readFileSync(file, 'utf8')) as ReadonlyArray<{ readonly pattern: string }>;
  return createRouteLabeler([...routes.map((route) => route.pattern), ...STATIC_FILE_PATTERNS]);
}
