/**
 * `npm run restore -- FILE`: replaces the configured database with a backup made by `npm run backup` (same engine).
 * PostgreSQL: pg_restore --clean --if-exists in one transaction (stop the app instances and workers first). Embedded:
 * refused while the portal runs. The next `npm start` applies any migration newer than the backup. See docs/backups.md.
 */
import { resolve } from 'node:path';
import { loadEnv } from '#src/env.server.ts';
import { restoreBackup } from '#src/features/backup/backup.server.ts';
import { AppError } from '#src/lib/errors.ts';

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined || rest.length > 0) {
    process.stderr.write('usage: npm run restore -- FILE\n');
    process.exit(2);
  }
  // npm runs scripts from the project folder; a relative FILE means relative to where the operator typed it.
  const path = resolve(process.env['INIT_CWD'] ?? process.cwd(), file);
  const engine = await restoreBackup(loadEnv(), path);
  process.stdout.write(
    `restore: ${path} restored into ${engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database (DATA_DIR)'}\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
