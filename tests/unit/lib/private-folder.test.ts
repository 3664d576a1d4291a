/**
 * DATA_DIR is shared by every process of one machine (portals and mail workers on PostgreSQL), and a worker writes
 * each e-mail as a temporary file it then renames. Closing the folder's entries at start walks them: an entry that
 * another process removes or renames during the walk has nothing left to close, and must not stop the start (it did:
 * "DATA_DIR … is not a writable folder (ENOENT … mail/.….tmp)" when two workers started together).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The walk's lstat of entries named like this fails as it does when another process renamed the file a moment before.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const vanished = (path: unknown) => String(path).endsWith('.vanishing.tmp') || String(path).endsWith('gone-folder');
  const enoent = (path: unknown) =>
    Object.assign(new Error(`ENOENT: no such file or directory, lstat '${String(path)}'`), { code: 'ENOENT' });
  return {
    ...fs,
    lstatSync: ((path: Parameters<typeof fs.lstatSync>[0], ...rest: [never]) => {
      if (vanished(path)) throw enoent(path);
      return fs.lstatSync(path, ...rest);
    }) as typeof fs.lstatSync,
  };
});

const { ensurePrivateFolder } = await import('#src/lib/private-folder.server.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a private folder', () => {
  it('is closed even when an entry disappears while its entries are walked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotro-private-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'mail'));
    writeFileSync(join(dir, 'mail', 'a.eml'), 'x');
    writeFileSync(join(dir, 'mail', '.b.vanishing.tmp'), 'x');
    mkdirSync(join(dir, 'gone-folder'));
    chmodSync(join(dir, 'mail', 'a.eml'), 0o644);
    expect(() => ensurePrivateFolder(dir, 'DATA_DIR')).not.toThrow();
    expect(statSync(join(dir, 'mail', 'a.eml')).mode & 0o077).toBe(0);
  });

  it('still reports any other failure', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hotro-private-')), 'a-file');
    dirs.push(file);
    writeFileSync(file, 'x');
    expect(() => ensurePrivateFolder(join(file, 'below'), 'DATA_DIR')).toThrow(/ENOTDIR/);
  });
});
