/**
 * A restore checks what it is given before it touches the database: a file that is no backup, a backup of the other
 * engine, or an archive holding anything beyond the embedded database's folder (which could write elsewhere in
 * DATA_DIR) is refused in one line, and DATA_DIR is left as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreBackup, type BackupEnv } from '#src/features/backup/backup.server.ts';
import { makeTempDir } from '../../setup/db.ts';

const tmp = makeTempDir('hotro-restore-checks-');
afterAll(() => tmp.remove());

const env = (databaseUrl?: string): BackupEnv => ({
  databaseUrl,
  dataDir: join(tmp.path, 'data'),
  backupDir: join(tmp.path, 'backups'),
  keyFile: join(tmp.path, 'keys', 'intake.key'),
  retentionDaysAfterClose: 90,
  retentionMaxAgeDays: 365,
});

function file(name: string, content: string | Buffer): string {
  const path = join(tmp.path, name);
  writeFileSync(path, content);
  return path;
}

describe('npm run restore refuses what it cannot restore', () => {
  it('a file that is no backup', async () => {
    const path = file('notes.txt', 'not a backup');
    await expect(restoreBackup(env(), path)).rejects.toThrow(`${path} is not a backup made by npm run backup`);
  });

  it('a backup of the other engine', async () => {
    const dump = file('hotro-postgres-20261202T050000Z.dump', Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(64)]));
    await expect(restoreBackup(env(), dump)).rejects.toThrow(
      `${dump} is a backup of PostgreSQL, but DATABASE_URL is unset: restore it into the same engine`,
    );
  });

  it('an archive with anything besides the database folder, leaving DATA_DIR untouched', async () => {
    const source = join(tmp.path, 'source');
    mkdirSync(join(source, 'pglite'), { recursive: true });
    mkdirSync(join(source, 'mail'), { recursive: true });
    writeFileSync(join(source, 'pglite', 'PG_VERSION'), '17\n');
    writeFileSync(join(source, 'mail', 'planted.eml'), 'x');
    const archive = join(tmp.path, 'hotro-pglite-20261202T050000Z.tar.gz');
    execFileSync('tar', ['--create', '--gzip', `--file=${archive}`, `--directory=${source}`, 'pglite', 'mail']);
    mkdirSync(env().dataDir, { recursive: true });
    await expect(restoreBackup(env(), archive)).rejects.toThrow(
      /is not a backup of the embedded database \(it holds mail\/\S*\)$/,
    );
    expect(readdirSync(env().dataDir)).toEqual([]);
  });
});
