/**
 * Backup file names carry their engine and the instant they were taken (UTC, to the second), e.g.
 * `hotro-postgres-20261202T050000Z.dump` or `hotro-pglite-20261202T050000Z.tar.gz`. Rotation reads the time from the
 * name, not from the file's mtime, which a copy to another disk or a restore from tape resets.
 */
import type { Engine } from '#src/db/types.ts';

/** The file ending of each engine's backups: pg_dump's custom format, or a gzipped tar of the PGlite folder. */
export const BACKUP_EXTENSIONS = { postgres: '.dump', pglite: '.tar.gz' } as const satisfies Record<Engine, string>;

const PATTERN = /^hotro-(postgres|pglite)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(\.dump|\.tar\.gz)$/;

/** A backup file name understood by rotation. */
export interface BackupName {
  readonly name: string;
  readonly engine: Engine;
  readonly takenAt: Date;
}

/** The file name of a backup of `engine` taken at `at`. */
export function backupFileName(engine: Engine, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
  return `hotro-${engine}-${stamp}${BACKUP_EXTENSIONS[engine]}`;
}

/** Reads a backup's engine and time from its name; undefined for any other file (which rotation never touches). */
export function parseBackupName(name: string): BackupName | undefined {
  const match = PATTERN.exec(name);
  if (!match) return undefined;
  const [, engine, year, month, day, hour, minute, second, extension] = match;
  if (engine !== 'postgres' && engine !== 'pglite') return undefined;
  if (extension !== BACKUP_EXTENSIONS[engine]) return undefined;
  const takenAt = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
  if (Number.isNaN(takenAt.getTime())) return undefined;
  return { name, engine, takenAt };
}
