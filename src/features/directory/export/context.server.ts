/** What every open-data endpoint needs, and the guard that turns an unexpected failure into a clean 500. */
import { getDatabase } from '#src/db/client.server.ts';
import type { Database } from '#src/db/types.ts';
import { loadEnv } from '#src/env.server.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { errorResponse } from './http.ts';

/** What every endpoint needs: the database, whether demo rows are visible, and the public origin for links. */
export interface OpenDataContext {
  readonly db: Database;
  readonly demo: boolean;
  readonly origin: string;
}

let settings: { demo: boolean; siteUrl: string | undefined } | undefined;

/** The context of a request in the running portal (the shared database handle, DEMO and SITE_URL). */
export async function openDataContext(url: URL): Promise<OpenDataContext> {
  settings ??= (() => {
    const env = loadEnv();
    return { demo: env.demo, siteUrl: env.siteUrl };
  })();
  const handle = await getDatabase();
  return { db: handle.db, demo: settings.demo, origin: settings.siteUrl ?? url.origin };
}

/** Runs an endpoint; an unexpected failure becomes a 500 JSON answer and one log line (no request details). */
export async function guarded(route: string, run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    log.error('open_data.failed', { route, error: describeError(error) });
    return errorResponse(500, {
      en: 'The directory could not be read; try again later.',
      vi: 'Chưa đọc được danh bạ; vui lòng thử lại sau.',
    });
  }
}
