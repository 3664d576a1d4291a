/** BACKUP_DIR in the environment: a folder of its own, resolved like DATA_DIR, and never the key's home. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '#src/env.server.ts';
import { EnvError } from '#src/lib/errors.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';

const root = findProjectRoot(import.meta.url);

describe('BACKUP_DIR', () => {
  it('defaults to ./backups in the project folder and resolves relative paths against it', () => {
    expect(loadEnv({}).backupDir).toBe(join(root, 'backups'));
    expect(loadEnv({ BACKUP_DIR: 'var/backups' }).backupDir).toBe(join(root, 'var', 'backups'));
    expect(loadEnv({ BACKUP_DIR: '/srv/hotro/backups' }).backupDir).toBe('/srv/hotro/backups');
  });

  it('refuses a KEY_FILE inside BACKUP_DIR in one line naming both', () => {
    const attempt = () => loadEnv({ BACKUP_DIR: '/srv/hotro/backups', KEY_FILE: '/srv/hotro/backups/keys/intake.key' });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(
      'KEY_FILE must not be inside BACKUP_DIR, so that backups never carry the key (got "/srv/hotro/backups/keys/intake.key" inside "/srv/hotro/backups")',
    );
  });
});
