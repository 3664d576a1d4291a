import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from '#src/lib/errors.ts';
import { describeError } from '#src/lib/describe-error.ts';

/** The lock file's name inside DATA_DIR. */
export const LOCK_FILE_NAME = '.lock';

/** A held lock on DATA_DIR. `release()` is idempotent and removes the file only if it is still ours. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

// When this process started, in ms since the epoch. Written in the lock so that a lock left by an earlier run whose
// pid happens to equal ours (pid 1 in a restarted container) is recognised as stale rather than as ourselves.
const processStartedAt = Math.round(Date.now() - process.uptime() * 1000);

interface LockOwner {
  pid: number;
  startedAt: number | undefined;
}

/**
 * Takes the DATA_DIR lock for this process: the embedded database (PGlite) corrupts its files if two processes open
 * them, so only one may. The file holds the owner's pid (first line) and its start time (second line).
 *
 * - No lock file: create it atomically (`wx`).
 * - A lock whose pid is alive: refuse with a `DataDirError` naming the pid.
 * - A stale lock (dead pid, unreadable content, or our pid but an earlier start): take it over.
 *
 * DATA_DIR must exist.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  const content = `${process.pid}\n${processStartedAt}\n`;
  // Two rounds: the second follows the removal of a stale lock. If another process wins the race to recreate it in
  // between, the second round sees that process alive and refuses.
  for (let round = 0; round < 2; round++) {
    try {
      writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
      return heldLock(path, content);
    } catch (error) {
      if (!isCode(error, 'EEXIST')) {
        throw new DataDirError(`Cannot create the lock file in DATA_DIR "${dataDir}" (${describeError(error)})`);
      }
    }
    const seen = readLock(path);
    if (seen === undefined) continue; // removed meanwhile by its owner: try again
    const owner = parseOwner(seen);
    if (owner !== undefined && isAlive(owner)) {
      const who =
        owner.pid === process.pid ? `This process (pid ${owner.pid}) already` : `Another process (pid ${owner.pid})`;
      throw new DataDirError(
        `${who} has DATA_DIR "${dataDir}" open; the embedded database allows only one process (stop it, or set DATABASE_URL to use PostgreSQL; if no such process runs, delete ${path})`,
      );
    }
    removeIfUnchanged(path, seen);
  }
  throw new DataDirError(
    `Cannot take the lock file ${path} in DATA_DIR "${dataDir}": another process keeps recreating it`,
  );
}

function heldLock(path: string, content: string): DataDirLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only remove the file if it is still ours: never delete a lock another process took over.
    if (readLock(path) === content) rmSync(path, { force: true });
  };
  // A process that exits without closing the database still frees DATA_DIR for the next start.
  process.on('exit', release);
  return { path, release };
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw new DataDirError(`Cannot read the lock file ${path} (${describeError(error)})`);
  }
}

function parseOwner(content: string): LockOwner | undefined {
  const [pidLine, startLine] = content.split('\n');
  const pid = Number(pidLine?.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  const startedAt = Number(startLine?.trim());
  return { pid, startedAt: startLine?.trim() && Number.isSafeInteger(startedAt) ? startedAt : undefined };
}

function isAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) {
    // Our own pid: it is us unless the lock records a different start (an earlier run with the same pid).
    return owner.startedAt === undefined || Math.abs(owner.startedAt - processStartedAt) < 1000;
  }
  try {
    process.kill(owner.pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user — still alive.
    return isCode(error, 'EPERM');
  }
}

/** Removes a stale lock, unless its content changed since we judged it stale (someone else took it over). */
function removeIfUnchanged(path: string, seen: string): void {
  // Rename first so the check and the removal act on the same file; a fresh lock written meanwhile is left alone.
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    throw error;
  }
  const moved = readLock(aside);
  if (moved === seen) {
    rmSync(aside, { force: true });
    return;
  }
  // We moved a lock someone else wrote a moment ago: put it back where it belongs.
  renameSync(aside, path);
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
