import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// What a build reads. If any of it is newer than the built server entry, `npm start` builds again.
const BUILD_INPUTS = [
  'src',
  'content',
  'public',
  'astro.config.mjs',
  'pagefind.yml',
  'package.json',
  'package-lock.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when the built server entry exists (whatever its age). */
export function hasBuild(root: string): boolean {
  return existsSync(join(root, 'dist/server/entry.mjs'));
}

/** True when `dist/` is missing or older than a build input. */
export function buildIsStale(root: string): boolean {
  const entry = join(root, 'dist/server/entry.mjs');
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > built);
}

/**
 * Runs what `npm run build` runs (`astro build`, then Pagefind's search index) when the build is missing or stale;
 * returns false when either step failed.
 */
export function buildIfNeeded(root: string, log: (line: string) => void): boolean {
  if (!buildIsStale(root)) return true;
  log('Building the site (the build is missing or older than the sources)…');
  const steps = [
    [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'],
    // Reads pagefind.yml: indexes dist/client into dist/client/pagefind/.
    [join(root, 'node_modules/pagefind/lib/runner/bin.cjs')],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) return false;
  }
  return true;
}
