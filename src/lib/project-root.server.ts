import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectLayoutError } from './errors.ts';

/** The `name` in the project's package.json; it marks the project root when walking up from a module. */
export const PACKAGE_NAME = 'ho-tro-cai-nghien';

const cache = new Map<string, string>();

/**
 * The project root: the nearest folder at or above `from` holding a package.json named `ho-tro-cai-nghien`.
 *
 * Why not `process.cwd()` or a fixed `../..`: the server may start from any folder, and the same source modules are
 * also bundled into `dist/server/…` by Vite, where `import.meta.url` sits at a different depth. Walking up to our own
 * package.json gives the same answer from `src/` and from `dist/`.
 */
export function findProjectRoot(from: string | URL = import.meta.url): string {
  const start = typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from);
  const cached = cache.get(start);
  if (cached !== undefined) return cached;
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readsAsOurPackage(manifest)) {
      cache.set(start, dir);
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new ProjectLayoutError(
        `Cannot find the project root (a package.json named "${PACKAGE_NAME}") above ${start}`,
      );
    }
    dir = parent;
  }
}

function readsAsOurPackage(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === PACKAGE_NAME;
  } catch {
    // A broken or unreadable package.json belongs to someone else's folder; keep walking up.
    return false;
  }
}
