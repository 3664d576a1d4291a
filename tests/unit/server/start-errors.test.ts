import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../setup/portal-process.ts';

// A misconfigured environment stops `npm start` with one clear line naming what is wrong, not a stack trace.
function start(env: Record<string, string>) {
  const scratch = mkdtempSync(join(tmpdir(), 'hotro-start-'));
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '4599', DATA_DIR: join(scratch, 'data'), KEY_FILE: join(scratch, 'keys/k'), ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const errorLines = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
  return { status: result.status, errorLines };
}

describe('npm start with a wrong environment', () => {
  it('names DATABASE_URL when it is not a postgres URL', () => {
    const { status, errorLines } = start({
      DATABASE_URL: 'mysql://localhost/x',
      SITE_URL: 'https://hotro.example.gov.vn',
    });
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^error: DATABASE_URL /);
  });

  it('says so in one line when PostgreSQL cannot be reached', () => {
    const { status, errorLines } = start({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
      SITE_URL: 'https://hotro.example.gov.vn',
    });
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^error: .*127\.0\.0\.1:1/);
  });

  it('names DATA_DIR when it cannot be written', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'hotro-start-file-'));
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const { status, errorLines } = start({ DATA_DIR: join(file, 'data') });
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^error: .*DATA_DIR/);
  });

  it('stops in production without SITE_URL, naming it, before touching the database', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' },
      { RESEND_API_KEY: 're_test' },
    ]) {
      const { status, errorLines } = start(env);
      expect(status, JSON.stringify(env)).toBe(1);
      expect(errorLines, JSON.stringify(env)).toEqual([expect.stringMatching(/^error: SITE_URL must be set /)]);
    }
  });

  it('names OPERATOR_EMBLEM when its file is too large, before touching the database', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'hotro-start-emblem-'));
    const emblem = join(scratch, 'emblem.png');
    writeFileSync(emblem, Buffer.alloc(300 * 1024));
    const { status, errorLines } = start({ OPERATOR_NAME: 'Sở Y tế', OPERATOR_EMBLEM: emblem });
    expect(status).toBe(1);
    expect(errorLines).toEqual(['error: OPERATOR_EMBLEM must be at most 200 KB (got 300 KB in "emblem.png")']);
  });

  it('names PORT when it is out of range', () => {
    const { status, errorLines } = start({ PORT: '70000' });
    expect(status).toBe(1);
    expect(errorLines).toEqual([expect.stringMatching(/^error: PORT /)]);
  });
});
