import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseEnv } from '#src/db/client.server.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';
import { runScript } from '../../setup/run-script.ts';
import { FIXTURES } from './helpers.ts';

const root = findProjectRoot(import.meta.url);
const script = join(root, 'scripts/import-directory.ts');

/** Runs the import script as `npm run import:directory` does. */
const run = (env: DatabaseEnv, args: readonly string[]) => runScript(script, env, args);

// Each run starts Node and (for a valid file) opens and migrates the database: seconds each, more under a loaded CI.
describe(`import:directory command on ${testEngine}`, { timeout: 120_000 }, () => {
  let place: { env: DatabaseEnv; cleanup(): Promise<void> };
  beforeAll(async () => {
    place = await createTestDatabaseEnv();
  });
  afterAll(() => place.cleanup());

  it('exits 2 on a wrong command line, before touching the database', async () => {
    const cases = [
      [],
      ['a.csv', 'b.csv'],
      ['--bogus', 'a.csv'],
      [join(FIXTURES, 'valid.csv'), '--lang', 'fr'],
      [join(FIXTURES, 'valid.csv'), '--province', '99'],
      [join(FIXTURES, 'missing.csv')],
    ];
    for (const args of cases) {
      const result = await run(place.env, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('npm run import:directory -- ');
    }
  });

  it('exits 1 and writes nothing when rows are wrong, listing each problem (before opening the database)', async () => {
    const result = await run(place.env, [join(FIXTURES, 'invalid.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Không ghi gì: tệp invalid.csv có 10 lỗi.');
    expect(result.stderr).toContain('Dòng 5, cột «Điện thoại»');
    const english = await run(place.env, [join(FIXTURES, 'invalid.csv'), '--lang', 'en']);
    expect(english.code).toBe(1);
    expect(english.stderr).toContain('Row 11, column “Latitude”');
    expect(english.stderr).toContain('Row 12, column “Latitude”: the position 21.0285, 105.8542 is about');
  });

  it('exits 0 with a summary, and 0 again with nothing changed on a second run', async () => {
    const first = await run(place.env, [join(FIXTURES, 'valid.csv'), '--province', '19']);
    expect(first.code, first.stderr).toBe(0);
    // Nothing from the refused file above was written: all five points are new.
    expect(first.stdout).toMatch(/thêm mới:\s+5\n/);
    expect(first.stdout).toMatch(/chuyển không hoạt động:\s+0\n/);
    const second = await run(place.env, [join(FIXTURES, 'valid.csv'), '--lang=en']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/inserted:\s+0\n\s+updated:\s+0\n\s+unchanged:\s+5\n\s+deactivated:\s+0\n/);
  });

  it('counts a dry run without writing', async () => {
    const dry = await run(place.env, [
      join(FIXTURES, 'invalid.csv').replace('invalid', 'valid'),
      '--dry-run',
      '--lang',
      'en',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run, NOTHING written');
  });
});
