import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from '#src/lib/errors.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { ensurePrivateFolder, PrivateFolderError } from '#src/lib/private-folder.server.ts';

/**
 * Creates DATA_DIR (and its parents) if needed, private to this user (0700; one open to others is closed, see
 * private-folder.server.ts), and proves it is writable by writing and removing a small file.
 * Throws a `DataDirError` with one line naming DATA_DIR otherwise. A real write is the only test that holds for
 * root, read-only mounts and full disks alike (`access(W_OK)` says yes to root everywhere).
 */
export function ensureWritableDataDir(dataDir: string): void {
  try {
    ensurePrivateFolder(dataDir, 'DATA_DIR');
    const probe = join(dataDir, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    if (error instanceof PrivateFolderError) throw error;
    throw new DataDirError(`DATA_DIR "${dataDir}" is not a writable folder (${describeError(error)})`);
  }
}
