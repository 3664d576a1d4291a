/**
 * Rotation keeps a backup no longer than the shorter retention period of case content (so a backup does not keep what
 * the portal has purged), always keeps the newest backup, and never touches files that are not backups.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, parseBackupName } from '#src/features/backup/backup-names.ts';
import { backupRetentionDays, rotateBackups } from '#src/features/backup/rotation.server.ts';
import { fixedClock } from '#src/lib/clock.ts';
import { makeTempDir } from '../../setup/db.ts';

const NOW = new Date('2026-12-02T05:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
const policy = { daysAfterClose: 90, maxAgeDays: 365 };

let dir: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => dir?.remove());

function folderWith(names: readonly string[]): string {
  dir = makeTempDir('hotro-rotation-');
  for (const name of names) writeFileSync(join(dir.path, name), 'x');
  return dir.path;
}

describe('backup rotation', () => {
  it('names a backup after its engine and UTC time, and reads both back', () => {
    expect(backupFileName('postgres', NOW)).toBe('hotro-postgres-20261202T050000Z.dump');
    expect(backupFileName('pglite', NOW)).toBe('hotro-pglite-20261202T050000Z.tar.gz');
    expect(parseBackupName('hotro-pglite-20261202T050000Z.tar.gz')).toEqual({
      name: 'hotro-pglite-20261202T050000Z.tar.gz',
      engine: 'pglite',
      takenAt: NOW,
    });
    expect(parseBackupName('hotro-pglite-20261202T050000Z.dump')).toBeUndefined();
  });

  it('keeps backups for the shorter retention period', () => {
    expect(backupRetentionDays({ daysAfterClose: 90, maxAgeDays: 365 })).toBe(90);
    expect(backupRetentionDays({ daysAfterClose: 400, maxAgeDays: 365 })).toBe(365);
  });

  it('deletes backups older than the window of either engine, and only those', () => {
    const kept = [
      backupFileName('postgres', daysAgo(1)),
      backupFileName('pglite', daysAgo(89)),
      'hotro-postgres-old.dump',
      'keys.txt',
    ];
    const doomed = [backupFileName('postgres', daysAgo(91)), backupFileName('pglite', daysAgo(400))];
    const path = folderWith([...kept, ...doomed]);
    expect(rotateBackups(path, policy, fixedClock(NOW)).sort()).toEqual([...doomed].sort());
    expect(readdirSync(path).sort()).toEqual([...kept].sort());
    expect(rotateBackups(path, policy, fixedClock(NOW))).toEqual([]);
  });

  it('keeps the newest backup even when it is past the window', () => {
    const newest = backupFileName('postgres', daysAgo(120));
    const path = folderWith([backupFileName('postgres', daysAgo(200)), newest]);
    expect(rotateBackups(path, policy, fixedClock(NOW))).toEqual([backupFileName('postgres', daysAgo(200))]);
    expect(existsSync(join(path, newest))).toBe(true);
  });

  it('does nothing when BACKUP_DIR does not exist yet', () => {
    expect(rotateBackups('/nonexistent/hotro-backups', policy, fixedClock(NOW))).toEqual([]);
  });
});
