import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';

// Builds tests/fixtures/content-site (one collection, loaded through the real schemas) in a child process, so Astro's
// own error output is what we check, exactly as a person running `astro build` would see it.
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtureRoot = join(projectRoot, 'tests/fixtures/content-site');
const astroBin = join(projectRoot, 'node_modules/astro/bin/astro.mjs');

let workDir: string | undefined;
afterEach(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
  workDir = undefined;
  // Astro writes generated types into <root>/.astro; left there, lint and type checks would read them as project files.
  await rm(join(fixtureRoot, '.astro'), { recursive: true, force: true });
});

/** Builds the fixture with one set of entries; resolves with the exit code and everything printed. */
async function buildFixture(
  variant: 'valid' | 'unknown-source' | 'missing-reviewed-on',
): Promise<{ code: number; output: string }> {
  workDir = await mkdtemp(join(tmpdir(), 'content-fixture-'));
  const env = {
    ...process.env,
    CONTENT_FIXTURE: variant,
    FIXTURE_OUT_DIR: join(workDir, 'dist'),
    FIXTURE_CACHE_DIR: join(workDir, 'cache'),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [astroBin, 'build', '--root', fixtureRoot],
      { env, cwd: projectRoot },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('building a site with the content schemas', () => {
  test('succeeds when every entry is valid', async () => {
    const { code } = await buildFixture('valid');
    expect(code).toBe(0);
  });

  test('fails on an unknown source id, naming the file, the field and the id', async () => {
    const { code, output } = await buildFixture('unknown-source');
    expect(code).not.toBe(0);
    expect(output).toContain('content/unknown-source/en/sample.md');
    expect(output).toContain(
      'sources.0: Unknown source id "no-such-source": add it to content/sources.json, or fix the id.',
    );
  });

  test('fails on a missing reviewedOn, naming the file and the field', async () => {
    const { code, output } = await buildFixture('missing-reviewed-on');
    expect(code).not.toBe(0);
    expect(output).toContain('content/missing-reviewed-on/vi/bai-mau.md');
    expect(output).toContain(
      "reviewedOn: Required: reviewedOn, the day a person last checked this page's facts, written YYYY-MM-DD.",
    );
  });
});
