/**
 * Folders only the portal's own user may read: DATA_DIR (the embedded database, whose files hold password hashes,
 * staff addresses and session tokens, and the local mail files) and BACKUP_DIR.
 *
 * From the first such folder on, the process creates its files for its owner only (umask 077). That is not enough on
 * its own: PGlite sets the mode of every file it creates to 0666 whatever the umask, so what keeps them private is
 * the folder, 0700, which no other user can enter. A folder found open to others (an older install, a hand-made
 * folder) is closed, with its entries, and one warning line says so; when this user cannot change it, the start stops
 * with one line saying what to do.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '#src/lib/log.ts';
import { AppError } from './errors.ts';

/** A private folder is open to other users and cannot be closed by this user. */
export class PrivateFolderError extends AppError {
  override name = 'PrivateFolderError';
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Takes group and other permissions away from every entry below `folder` (symbolic links are left alone). Other
 * processes sharing the folder (portals and mail workers) create and rename files in it meanwhile: an entry gone
 * before it is reached has nothing left to close.
 */
function closeEntries(folder: string): number {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    if (gone(error)) return 0;
    throw error;
  }
  let closed = 0;
  for (const name of names) {
    const path = join(folder, name);
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      if ((stat.mode & 0o077) !== 0) {
        chmodSync(path, stat.mode & 0o700);
        closed += 1;
      }
      if (stat.isDirectory()) closed += closeEntries(path);
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  return closed;
}

/** The error of a path that no longer exists. */
const gone = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ENOENT';

/**
 * Creates `folder` (0700) if needed, makes the process's new files private (umask 077) and makes sure no other user
 * can read what is in it: an existing folder open to others is closed (warning line), and the modes of entries below
 * it are tightened too. `variable` names the setting in messages (DATA_DIR, BACKUP_DIR).
 */
export function ensurePrivateFolder(folder: string, variable: string): void {
  process.umask(0o077);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const mode = lstatSync(folder).mode;
  const open = (mode & 0o077) !== 0;
  try {
    if (open) chmodSync(folder, 0o700);
    const entries = closeEntries(folder);
    if (open)
      log.warn('private-folder.closed', {
        variable,
        path: folder,
        was: octal(mode),
        now: '0700',
        entries,
        note: `${variable} was open to other users: made it private`,
      });
  } catch (error) {
    if (!open) throw error;
    throw new PrivateFolderError(
      `${variable} "${folder}" is open to other users (mode ${octal(mode)}) and this user cannot change that: run chmod -R go-rwx on it as its owner, or choose another folder`,
    );
  }
}
