/**
 * `npm run backup`: writes a backup of the database to BACKUP_DIR (pg_dump with DATABASE_URL; otherwise a tar of the
 * embedded database, refused while the portal runs) and deletes backups older than the retention window, keeping the
 * newest. The encryption key is never part of a backup: back it up apart. See docs/backups.md.
 */
import { loadEnv } from '#src/env.server.ts';
import { createBackup } from '#src/features/backup/backup.server.ts';
import { AppError } from '#src/lib/errors.ts';

async function main(): Promise<void> {
  const result = await createBackup(loadEnv());
  const size = `${(result.bytes / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(`backup: wrote ${result.file} (${result.engine}, ${size})\n`);
  process.stdout.write(
    `backup: deleted ${result.deleted.length} backup(s) older than ${result.keptDays} days${result.deleted.length > 0 ? `: ${result.deleted.join(', ')}` : ''}\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
