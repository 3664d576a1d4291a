/**
 * `npm test`: everything CI runs, in order, with one summary line at the end.
 *   1. Chromium from Debian's packages when it is missing (the e2e tests drive it; nothing is downloaded otherwise).
 *   2. Formatting (`prettier --check .`, which also fails on a CSS or TypeScript syntax error), lint (with the type-aware
 *      promise rules), the import rules (no cycles, no upward imports: dependency-cruiser), no dead exports
 *      (knip) and typecheck.
 *   3. One production build, shared by every server the tests start.
 *   4. Unit tests on embedded PGlite, then again on a fresh PostgreSQL database (created and dropped per run).
 *   4b. The scaled-mode suite (tests/scale/): two portals and two workers on PostgreSQL and Redis, with faults; at most
 *      4 minutes.
 *   4c. The production-like suite (tests/proxy/): Chromium through each documented TLS proxy, Debian's nginx with
 *      docs/deploy/nginx.conf and Debian's Caddy with docs/deploy/Caddyfile (both installed like Chromium when
 *      missing), to two portals and a mail worker on PostgreSQL and Redis, with SITE_URL given only at start; at most
 *      4 minutes.
 *   5. End-to-end tests in Chromium against `npm start`, on PGlite, then on a fresh PostgreSQL database (there only the
 *      specs that touch the database: `ENGINE_INDEPENDENT` in playwright.config.ts); after each, a scan of the tables,
 *      files and server log that run left for addresses, user agents and the texts it typed.
 * Set TEST_SKIP_POSTGRES=1 to skip the PostgreSQL runs on a machine without a server (CI never sets it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const results: Array<{ step: string; ok: boolean; seconds: number }> = [];

function run(
  step: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs?: number,
): boolean {
  const started = performance.now();
  process.stdout.write(`\n=== ${step} ===\n`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    // SIGTERM lets vitest end the servers a scale test started.
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs, killSignal: 'SIGTERM' as const }),
  });
  if (result.error !== undefined) process.stdout.write(`${step}: ${result.error.message}\n`);
  const ok = result.status === 0;
  results.push({ step, ok, seconds: Math.round((performance.now() - started) / 100) / 10 });
  return ok;
}

async function withPostgresDatabase<T>(fn: (url: string) => T): Promise<T> {
  const name = `hotro_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function e2e(label: string, env: Record<string, string>): boolean {
  const scratch = mkdtempSync(join(tmpdir(), 'hotro-e2e-'));
  try {
    const scratchEnv = {
      E2E_DATA_DIR: join(scratch, 'data'),
      E2E_KEY_FILE: join(scratch, 'keys/intake.key'),
      E2E_LOG_FILE: join(scratch, 'server.log'),
      ...env,
    };
    const passed = run(`e2e (${label})`, bin('playwright'), ['test'], scratchEnv);
    // What the whole run left behind (tables, files, the server's log): no address, user agent or typed text.
    const clean = run(
      `privacy scan after e2e (${label})`,
      process.execPath,
      [join(root, 'tests/setup/scan-after-e2e.ts')],
      scratchEnv,
    );
    return passed && clean;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const withPostgres = process.env.TEST_SKIP_POSTGRES !== '1';
  run('chromium', 'bash', [join(root, 'scripts/ensure-chromium.sh')]);
  // The reverse proxies of the production-like suite, from Debian's packages like Chromium.
  if (withPostgres) run('nginx and Caddy', 'bash', [join(root, 'scripts/ensure-proxies.sh')]);
  run('format', bin('prettier'), ['--check', '.']);
  run('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  // No import cycles, no import from a base layer up into a feature (.dependency-cruiser.json).
  run('import rules', bin('depcruise'), ['src', '--config', '.dependency-cruiser.json', '--output-type', 'err']);
  // No export that nothing imports (knip.json): dead code is deleted, not kept "for later".
  run('dead exports', bin('knip'), ['--include', 'exports,types', '--no-progress']);
  run('typecheck', bin('astro'), ['check']);
  // The same two steps as `npm run build`: the site, then its Pagefind search index.
  const built =
    run('build', bin('astro'), ['build'], { ASTRO_TELEMETRY_DISABLED: '1' }) &&
    run('search index', bin('pagefind'), []);
  run('unit (PGlite)', bin('vitest'), ['run'], { TEST_DB_ENGINE: 'pglite' });
  // The whole unit suite again on PostgreSQL: every database test must hold on both engines.
  if (withPostgres)
    run('unit (PostgreSQL)', bin('vitest'), ['run'], { TEST_DB_ENGINE: 'postgres', TEST_PG_URL: adminUrl });
  const haveBuild = built && existsSync(join(root, 'dist/server/entry.mjs'));
  // Portals and workers as child processes on the machine's PostgreSQL and Redis, with faults injected.
  if (withPostgres && haveBuild)
    run(
      'scale (PostgreSQL + Redis)',
      bin('vitest'),
      ['run', '--config', 'vitest.scale.config.ts'],
      { TEST_PG_URL: adminUrl },
      240_000,
    );
  // The same, behind the TLS of nginx and of Caddy on the test address, driven by Chromium (playwright.proxy.config.ts).
  if (withPostgres && haveBuild)
    run(
      'production-like (nginx and Caddy TLS + PostgreSQL + Redis)',
      bin('playwright'),
      ['test', '--config', 'playwright.proxy.config.ts'],
      { TEST_PG_URL: adminUrl },
      240_000,
    );
  if (haveBuild) {
    e2e('PGlite', {});
    if (withPostgres)
      await withPostgresDatabase((url) =>
        e2e('PostgreSQL', { E2E_DATABASE_URL: url, E2E_PORT: '4401', E2E_SCOPE: 'database' }),
      );
  }

  process.stdout.write('\n=== summary ===\n');
  for (const result of results)
    process.stdout.write(`${result.ok ? 'ok  ' : 'FAIL'} ${result.step} (${result.seconds} s)\n`);
  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
