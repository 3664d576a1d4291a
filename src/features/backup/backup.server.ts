/**
 * `npm run backup` and `npm run restore`, on whichever engine the environment selects: PostgreSQL (DATABASE_URL) with
 * pg_dump/pg_restore, or the embedded PGlite database with a tar of its folder while no other process has it open.
 * A backup holds the database only: the encryption key (KEY_FILE or INTAKE_ENCRYPTION_KEY), from which every other
 * secret is derived, is kept and backed up apart, so a stolen backup is ciphertext. See docs/backups.md.
 */
import { chmodSync, existsSync, readSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '#src/db/types.ts';
import type { Env } from '#src/env.server.ts';
import { retentionPolicyFrom } from '#src/features/intake/retention.server.ts';
import { systemClock, type Clock } from '#src/lib/clock.ts';
import { ensurePrivateFolder } from '#src/lib/private-folder.server.ts';
import { BackupError } from './backup-error.ts';
import { backupFileName } from './backup-names.ts';
import { archivePglite, restorePglite } from './pglite-backup.server.ts';
import { dumpPostgres, restorePostgres } from './postgres-backup.server.ts';
import { backupRetentionDays, rotateBackups } from './rotation.server.ts';

/** The part of the environment backups need. */
export type BackupEnv = Pick<
  Env,
  'databaseUrl' | 'dataDir' | 'backupDir' | 'keyFile' | 'retentionDaysAfterClose' | 'retentionMaxAgeDays'
>;

/** What one backup run did. */
export interface BackupResult {
  readonly engine: Engine;
  /** Absolute path of the new backup. */
  readonly file: string;
  readonly bytes: number;
  /** Older backups deleted by rotation (file names). */
  readonly deleted: readonly string[];
  /** The rotation window, in days. */
  readonly keptDays: number;
}

const engineOf = (env: Pick<BackupEnv, 'databaseUrl'>): Engine =>
  env.databaseUrl === undefined ? 'pglite' : 'postgres';

/** Takes a backup into BACKUP_DIR (folder 0700, file 0600), then deletes backups past the retention window. */
export async function createBackup(env: BackupEnv, clock: Clock = systemClock): Promise<BackupResult> {
  const engine = engineOf(env);
  ensurePrivateFolder(env.backupDir, 'BACKUP_DIR');
  const file = join(env.backupDir, backupFileName(engine, clock.now()));
  if (existsSync(file)) throw new BackupError(`${file} already exists: one backup per second at most`);
  // Written under a name rotation ignores and renamed when complete: a half-written backup never counts as one.
  const partial = join(env.backupDir, `.partial-${process.pid}-${backupFileName(engine, clock.now())}`);
  try {
    if (env.databaseUrl !== undefined) await dumpPostgres(env.databaseUrl, partial);
    else await archivePglite(env.dataDir, env.keyFile, partial);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  const policy = retentionPolicyFrom(env);
  const deleted = rotateBackups(env.backupDir, policy, clock);
  return { engine, file, bytes: statSync(file).size, deleted, keptDays: backupRetentionDays(policy) };
}

// The first bytes of each kind of backup: pg_dump's custom format starts with "PGDMP", gzip with 1f 8b.
function kindOf(file: string): Engine | undefined {
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return undefined;
}

/**
 * Restores `file` into the configured database, replacing what is there. The backup must be of the same engine.
 * Returns the engine restored into.
 */
export async function restoreBackup(env: BackupEnv, file: string): Promise<Engine> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`${file} is not a file`);
  const engine = engineOf(env);
  const kind = kindOf(file);
  if (kind === undefined) throw new BackupError(`${file} is not a backup made by npm run backup`);
  if (kind !== engine) {
    throw new BackupError(
      `${file} is a backup of ${kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}, but ${engine === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is unset'}: restore it into the same engine`,
    );
  }
  if (env.databaseUrl !== undefined) await restorePostgres(env.databaseUrl, file);
  else await restorePglite(env.dataDir, file);
  return engine;
}
