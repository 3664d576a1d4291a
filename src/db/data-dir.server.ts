import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from '#src/lib/errors.ts';
import { describeError } from '#src/lib/describe-error.ts';

/**
 * Creates DATA_DIR (and its parents) if needed and proves it is writable by writing and removing a small file.
 * Throws a `DataDirError` with one line naming DATA_DIR otherwise. A real write is the only test that holds for
 * root, read-only mounts and full disks alike (`access(W_OK)` says yes to root everywhere).
 */
export function ensureWritableDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = join(dataDir, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new DataDirError(`DATA_DIR "${dataDir}" is not a writable folder (${describeError(error)})`);
  }
}
