/**
 * Rotation: a backup holds case content that the portal itself purges RETENTION_DAYS_AFTER_CLOSE days after a case
 * closes (RETENTION_MAX_AGE_DAYS after it was sent at the latest). Keeping backups longer than the shorter of the two
 * would keep content the portal has promised to forget, so older backups are deleted. The newest backup is always kept,
 * however old: when backups have stopped running, the last one is the only way back.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RetentionPolicy } from '#src/features/intake/retention.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import { parseBackupName, type BackupName } from './backup-names.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many days a backup is kept: the shorter retention period of case content. */
export function backupRetentionDays(policy: RetentionPolicy): number {
  return Math.min(policy.daysAfterClose, policy.maxAgeDays);
}

/** The backups in `dir`, newest first (files with other names are not backups and are left out). */
export function listBackups(dir: string): BackupName[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map(parseBackupName)
    .filter((backup) => backup !== undefined)
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** The backups of `backups` (newest first) that rotation deletes at `now`: older than the window, except the newest. */
export function backupsToDelete(backups: readonly BackupName[], days: number, now: Date): BackupName[] {
  const cutoff = now.getTime() - days * DAY_MS;
  return backups.slice(1).filter((backup) => backup.takenAt.getTime() < cutoff);
}

/** Deletes the backups in `dir` that are past the window; returns their names. */
export function rotateBackups(dir: string, policy: RetentionPolicy, clock: Clock): string[] {
  const doomed = backupsToDelete(listBackups(dir), backupRetentionDays(policy), clock.now());
  for (const backup of doomed) rmSync(join(dir, backup.name), { force: true });
  return doomed.map((backup) => backup.name);
}
