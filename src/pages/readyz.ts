import type { APIRoute } from 'astro';
import { getDatabase } from '#src/db/client.server.ts';
import { checkDatabase } from '#src/db/health.server.ts';

export const prerender = false;

/** Readiness: the database answers and its migrations are current. 503 otherwise, with one line saying why. */
export const GET: APIRoute = async () => {
  const health = await checkDatabase(await getDatabase());
  const ready = health.ok && health.migrationsCurrent;
  return new Response(
    JSON.stringify({
      status: ready ? 'ready' : 'not-ready',
      engine: health.engine,
      migrationsCurrent: health.migrationsCurrent,
      ...(health.problem ? { problem: health.problem } : {}),
    }),
    { status: ready ? 200 : 503, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } },
  );
};
