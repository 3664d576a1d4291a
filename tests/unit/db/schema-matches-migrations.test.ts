import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findProjectRoot } from '#src/lib/project-root.server.ts';

const root = findProjectRoot(import.meta.url);

describe('the committed migrations', () => {
  // drizzle-kit resolves --out against the working directory, so the copy lives under the project's .tmp/.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const copy = mkdtempSync(join(root, '.tmp', 'migrations-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('match the schema (a schema change without `npm run db:generate` fails here)', async () => {
    cpSync(join(root, 'src/db/migrations'), copy, { recursive: true });
    const before = readdirSync(copy).sort();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules/drizzle-kit/bin.cjs'),
        'generate',
        '--dialect=postgresql',
        '--schema=./src/db/schema/index.ts',
        `--out=./${relative(root, copy)}`,
        '--name=drift',
      ],
      { cwd: root },
    );
    expect([stdout.includes('No schema changes'), readdirSync(copy).sort()]).toEqual([true, before]);
  });
});
