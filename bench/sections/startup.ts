import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startPortal, repoRoot } from '../../tests/setup/portal-process.ts';
import { markdownTable } from '../lib/table.ts';

/** Time of a clean production build. */
export function buildSeconds(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: repoRoot,
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('astro build failed');
  return (performance.now() - started) / 1000;
}

/** Time from starting the server process to its first 200 on `/`, on a fresh data folder (migrations included). */
export async function timeToFirst200(port: number, env: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const portal = await startPortal({ port, env });
  const elapsed = performance.now() - started;
  await portal.stop();
  return elapsed;
}

/** The startup table: build time and time to first 200 on each engine. */
export async function startupTable(port: number, postgresUrl: string | undefined): Promise<string> {
  const rows: (string | number)[][] = [['astro build', `${buildSeconds().toFixed(1)} s`]];
  rows.push(['`npm start` → first 200 (PGlite, new data folder)', `${Math.round(await timeToFirst200(port))} ms`]);
  if (postgresUrl)
    rows.push([
      '`npm start` → first 200 (PostgreSQL, new database)',
      // On PostgreSQL without DEMO=1 the portal runs as in production, where SITE_URL is required.
      `${Math.round(await timeToFirst200(port, { DATABASE_URL: postgresUrl, SITE_URL: `http://127.0.0.1:${port}` }))} ms`,
    ]);
  return markdownTable(['measure', 'value'], rows);
}
