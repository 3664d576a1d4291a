/**
 * One module graph: `npm start` (scripts/start.ts) loads the built server and nothing the built server also contains.
 * When start-up imported modules from src/ and the bundle held a second copy of them, each copy kept its own state —
 * its own prepared statements over the one embedded database, its own caches — and the form failed after one API
 * request. The start-up files are read for their imports (followed through every local file); the bundle's modules
 * are read from the build's own module comments (`// src/...`), when a build exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../setup/portal-process.ts';

const START = join(repoRoot, 'scripts/start.ts');
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\s+['"]([^'"]+)['"]/g,
];

/** Every import specifier written in `file` (static, re-exports, side-effect and dynamic imports). */
function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** What start-up loads: local files (repository-relative) and packages, following local files to the end. */
function startUpGraph(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const name = relative(repoRoot, file);
    if (files.has(name)) return;
    files.add(name);
    for (const specifier of specifiersOf(file)) {
      if (specifier.startsWith('#src/')) visit(join(repoRoot, 'src', specifier.slice('#src/'.length)));
      else if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(START);
  return { files, packages };
}

/** The source modules the built server holds, from the bundler's `// src/…` comments in dist/server. */
function bundledModules(): Set<string> {
  const modules = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.mjs'))
        for (const match of readFileSync(path, 'utf8').matchAll(/^\/\/ (src\/\S+)$/gm)) modules.add(match[1] ?? '');
    }
  };
  walk(join(repoRoot, 'dist/server'));
  return modules;
}

const hasBuild = existsSync(join(repoRoot, 'dist/server/entry.mjs'));

describe('npm start and the built server share no module', () => {
  it('start-up imports nothing from src/ and no package, only Node built-ins and its own scripts', () => {
    const { files, packages } = startUpGraph();
    expect([...files].filter((file) => !file.startsWith('scripts/'))).toEqual([]);
    const builtins = new Set(builtinModules);
    expect([...packages].filter((name) => !name.startsWith('node:') && !builtins.has(name))).toEqual([]);
  });

  it.skipIf(!hasBuild)('the bundle holds the start-up (boot) and none of the files start-up imports', () => {
    const bundled = bundledModules();
    // The environment check, migrations, directory and mail worker start inside the bundle.
    expect(bundled).toContain('src/server/boot.server.ts');
    expect(bundled).toContain('src/db/migrate.server.ts');
    expect(bundled).toContain('src/features/outbox/boot.server.ts');
    expect([...startUpGraph().files].filter((file) => bundled.has(file))).toEqual([]);
  });
});
