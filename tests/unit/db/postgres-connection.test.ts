import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#src/db/client.server.ts';
import { DatabaseConnectionError } from '#src/lib/errors.ts';
import { createTestDatabaseEnv, testEngine, testPgUrl } from '../../setup/db.ts';

const unusedDataDir = '/nonexistent/hotro-data';

async function openFailure(databaseUrl: string): Promise<Error> {
  try {
    const handle = await openDatabase({ databaseUrl, dataDir: unusedDataDir });
    await handle.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the database opened');
}

describe('opening PostgreSQL', () => {
  it('fails with a DatabaseConnectionError when nothing listens', async () => {
    expect(await openFailure('postgres://app:s3cret@127.0.0.1:1/hotro')).toBeInstanceOf(DatabaseConnectionError);
  });

  it('says in one line where it could not connect and why', async () => {
    const error = await openFailure('postgres://app:s3cret@127.0.0.1:1/hotro');
    expect(error.message).toBe(
      'Cannot connect to PostgreSQL at 127.0.0.1:1/hotro (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('never shows the password', async () => {
    const error = await openFailure('postgres://app:s3cret@127.0.0.1:1/hotro');
    expect(error.message).not.toContain('s3cret');
  });

  it('gives a reason when a host name resolves to several addresses that all refuse', async () => {
    const error = await openFailure('postgres://localhost:1/hotro');
    expect(error.message).toMatch(
      /^Cannot connect to PostgreSQL at localhost:1\/hotro \(DATABASE_URL\): .*ECONNREFUSED/,
    );
  });

  it.runIf(testEngine === 'postgres')('fails in one line when the database does not exist', async () => {
    const url = new URL(testPgUrl);
    url.pathname = '/hotro_no_such_database';
    const error = await openFailure(url.toString());
    expect(error.message).toMatch(
      /^Cannot connect to PostgreSQL at .*\/hotro_no_such_database \(DATABASE_URL\): database "hotro_no_such_database" does not exist$/,
    );
  });
});

describe.runIf(testEngine === 'postgres')('a PostgreSQL connection ended by the server', () => {
  it('fails the transaction in progress, does not crash the process, and the next statement works', async () => {
    const place = await createTestDatabaseEnv();
    const handle = await openDatabase(place.env);
    try {
      let reachedPause!: () => void;
      const paused = new Promise<void>((resolve) => (reachedPause = resolve));
      const transaction = handle.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        reachedPause();
        // Between two statements, the connection checked out of the pool and idle: the moment a cut used to crash.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tx.execute(sql`select 2`);
      });
      await paused;
      const admin = new pg.Client({ connectionString: testPgUrl });
      await admin.connect();
      try {
        const database = new URL(place.env.databaseUrl ?? '').pathname.slice(1);
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
      } finally {
        await admin.end();
      }
      await expect(transaction).rejects.toThrow();
      // The pool dropped the broken connection: the next statement gets a working one.
      await expect(handle.db.execute(sql`select 3 as three`)).resolves.toMatchObject({ rows: [{ three: 3 }] });
    } finally {
      await handle.close();
      await place.cleanup();
    }
  });
});
