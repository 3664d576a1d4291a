import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#src/db/client.server.ts';
import { ensureWritableDataDir } from '#src/db/data-dir.server.ts';
import { DataDirError } from '#src/lib/errors.ts';
import { makeTempDir } from '../../setup/db.ts';

describe('DATA_DIR', () => {
  const dir = makeTempDir();
  afterAll(() => dir.remove());

  it('is created with its missing parents', () => {
    const dataDir = join(dir.path, 'a', 'b', 'c');
    ensureWritableDataDir(dataDir);
    expect(existsSync(dataDir)).toBe(true);
  });

  it('under a regular file is refused with one line naming DATA_DIR', async () => {
    // A folder cannot be made below a file, even by root (tests run as root, which ignores permission bits).
    const file = join(dir.path, 'plain-file');
    writeFileSync(file, 'not a folder');
    const dataDir = join(file, 'x');
    await expect(openDatabase({ databaseUrl: undefined, dataDir })).rejects.toThrow(
      new DataDirError(`DATA_DIR "${dataDir}" is not a writable folder (ENOTDIR: not a directory, mkdir '${dataDir}')`),
    );
  });
});
