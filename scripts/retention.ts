/**
 * `npm run retention`: purges, once, the encrypted content of cases that are due (RETENTION_DAYS_AFTER_CLOSE days after
 * closing or withdrawal, RETENTION_MAX_AGE_DAYS days after creation at the latest) and prints what it purged. Running it
 * again purges nothing more. The server (PGlite) and `npm run worker` (PostgreSQL) also run it daily by themselves.
 *
 * On the embedded database, a second process cannot open DATA_DIR while the server runs (the lock file refuses it):
 * stop the server first, or rely on its daily run.
 */
import { getDatabase } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { loadEnv } from '#src/env.server.ts';
import { retentionPolicyFrom, runRetention } from '#src/features/intake/retention.server.ts';
import { AppError } from '#src/lib/errors.ts';
import { setLogLevel } from '#src/lib/log.ts';

async function main(): Promise<void> {
  const env = loadEnv();
  setLogLevel(env.logLevel);
  const database = await getDatabase(env);
  try {
    await migrateDatabase(database);
    const policy = retentionPolicyFrom(env);
    const counts = await runRetention(database, policy);
    process.stdout.write(
      `retention: purged ${counts.cases} case(s), ${counts.messages} message(s), ${counts.notices} notice(s) ` +
        `(policy: ${policy.daysAfterClose} days after closing, ${policy.maxAgeDays} days at most)\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
