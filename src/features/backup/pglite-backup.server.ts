/**
 * Backups of the embedded database: a gzipped tar of DATA_DIR/pglite, taken and restored while this process holds
 * DATA_DIR's lock. PGlite allows one process, and a copy of files another process is writing is no backup; holding
 * the lock both refuses while the portal (or another command) has the database open and keeps the portal from starting
 * during the copy. Only the database folder is archived: DATA_DIR's mail files (plain-text e-mails of the local
 * outbox) and lock file are not, and neither is the key, which is never inside DATA_DIR.
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from '#src/db/data-dir-lock.server.ts';
import { PGLITE_SUBDIR } from '#src/db/pglite.server.ts';
import { DataDirError } from '#src/lib/errors.ts';
import { ensurePrivateFolder } from '#src/lib/private-folder.server.ts';
import { BackupError } from './backup-error.ts';
import { runTool } from './run-tool.server.ts';

const MISSING = 'install GNU tar and gzip (Debian: tar, gzip)';

/** Takes DATA_DIR's lock, or refuses in one line when another process has the embedded database open. */
function lockForBackup(dataDir: string, action: 'back up' | 'restore'): DataDirLock {
  try {
    return acquireDataDirLock(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    throw new BackupError(
      `Cannot ${action} the embedded database while another process (the portal, or a command such as npm run retention) has DATA_DIR "${dataDir}" open: stop it first, since PGlite allows one process`,
    );
  }
}

/** Writes a gzipped tar of DATA_DIR/pglite to `target` (never the key file, even if it were placed there). */
export async function archivePglite(dataDir: string, keyFile: string, target: string): Promise<void> {
  const database = join(dataDir, PGLITE_SUBDIR);
  if (!existsSync(join(database, 'PG_VERSION'))) {
    throw new BackupError(
      `There is no embedded database in DATA_DIR "${dataDir}" to back up (is DATABASE_URL unset by mistake?)`,
    );
  }
  const lock = lockForBackup(dataDir, 'back up');
  try {
    const args = ['--create', '--gzip', `--file=${target}`, `--directory=${dataDir}`];
    const keyInside = relative(dataDir, keyFile);
    if (!keyInside.startsWith('..') && !isAbsolute(keyInside)) args.push(`--exclude=${keyInside}`);
    await runTool('tar', [...args, PGLITE_SUBDIR], { missingHint: MISSING });
  } finally {
    lock.release();
  }
}

/**
 * Replaces DATA_DIR/pglite with the one in `file`. The archive is checked and unpacked beside it first, and the old
 * folder is deleted only once the new one is in place, so a bad archive leaves the database as it was.
 */
export async function restorePglite(dataDir: string, file: string): Promise<void> {
  const entries = (await runTool('tar', ['--list', '--gzip', `--file=${file}`], { missingHint: MISSING }))
    .split('\n')
    .filter((entry) => entry !== '');
  const foreign = entries.find((entry) => entry !== `${PGLITE_SUBDIR}/` && !entry.startsWith(`${PGLITE_SUBDIR}/`));
  if (entries.length === 0 || foreign !== undefined) {
    throw new BackupError(`${file} is not a backup of the embedded database (it holds ${foreign ?? 'nothing'})`);
  }
  ensurePrivateFolder(dataDir, 'DATA_DIR');
  const lock = lockForBackup(dataDir, 'restore');
  const staging = mkdtempSync(join(dataDir, '.restore-'));
  try {
    await runTool('tar', ['--extract', '--gzip', '--no-same-owner', `--file=${file}`, `--directory=${staging}`], {
      missingHint: MISSING,
    });
    const restored = join(staging, PGLITE_SUBDIR);
    if (!existsSync(join(restored, 'PG_VERSION'))) {
      throw new BackupError(`${file} is not a backup of the embedded database (no PG_VERSION in it)`);
    }
    const current = join(dataDir, PGLITE_SUBDIR);
    const aside = join(staging, 'replaced');
    if (existsSync(current)) renameSync(current, aside);
    try {
      renameSync(restored, current);
    } catch (error) {
      // Put the old database back before the staging folder (holding it) is removed.
      if (existsSync(aside)) renameSync(aside, current);
      throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}
