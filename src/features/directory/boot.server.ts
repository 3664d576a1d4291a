/**
 * What the directory needs at start, after migrations (called from scripts/start.ts).
 */
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Env } from '#src/env.server.ts';
import { log } from '#src/lib/log.ts';
import { seedDemoDirectory } from './demo/seed.server.ts';
import { invalidateDirectorySnapshot } from './snapshot.server.ts';

/**
 * In demo mode (`DEMO=1`), writes the demo directory unless it is already there. Outside demo mode it does nothing:
 * demo rows already in the database stay, hidden from every reader (`loadDirectory` with `demo: false`).
 * Returns the number of demo points written (0 when none).
 */
export async function prepareDirectory(
  env: Pick<Env, 'demo'>,
  handle: DatabaseHandle,
): Promise<{ demoInserted: number }> {
  if (!env.demo) return { demoInserted: 0 };
  const started = performance.now();
  const { inserted } = await seedDemoDirectory(handle);
  if (inserted > 0) {
    invalidateDirectorySnapshot();
    log.info('directory.demo_seeded', { points: inserted, ms: Math.round(performance.now() - started) });
  }
  return { demoInserted: inserted };
}
