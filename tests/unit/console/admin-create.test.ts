/**
 * `npm run admin:create`: creates a national administrator whose password comes from standard input (never the
 * command line), stored as argon2id; refuses a short password, a bad address and an address already in use.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseEnv } from '#src/db/client.server.ts';
import { findProjectRoot } from '#src/lib/project-root.server.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';
import { runScript } from '../../setup/run-script.ts';
import { allRows } from '../intake/helpers.ts';

const root = findProjectRoot(import.meta.url);
const script = join(root, 'scripts/admin-create.ts');

const run = (env: DatabaseEnv, args: readonly string[], stdin: string) =>
  runScript(script, env, args, { stdin, extraEnv: { KEY_FILE: join(env.dataDir, '..', 'admin-create-test.key') } });

describe(`admin:create on ${testEngine}`, () => {
  let place: { env: DatabaseEnv; cleanup(): Promise<void> };
  beforeAll(async () => {
    place = await createTestDatabaseEnv();
  });
  afterAll(() => place.cleanup());

  it('refuses a wrong command line or a short password, creating nothing', async () => {
    expect((await run(place.env, ['--email', 'not-an-address', '--name', 'A'], 'a long enough password\n')).code).toBe(
      2,
    );
    expect((await run(place.env, ['--email', 'a@example.invalid'], 'a long enough password\n')).code).toBe(2);
    const short = await run(place.env, ['--email', 'a@example.invalid', '--name', 'A'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('12');
  });

  it('creates a national administrator from a piped password, once', async () => {
    const created = await run(
      place.env,
      ['--email', 'Chief@Example.invalid', '--name', 'Trưởng ban'],
      'a long enough password\n',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('chief@example.invalid');
    expect(created.stdout).not.toContain('a long enough password');
    const again = await run(place.env, ['--email', 'chief@example.invalid', '--name', 'X'], 'a long enough password\n');
    expect(again.code).toBe(1);
    const handle = await openDatabase(place.env);
    try {
      const users = await allRows(handle.db, 'auth_users');
      expect(users.map((row) => [row['email'], row['email_verified']])).toEqual([['chief@example.invalid', true]]);
      const profiles = await allRows(handle.db, 'staff_profiles');
      expect(profiles.map((row) => [row['role'], row['province_code']])).toEqual([['national-admin', null]]);
      const accounts = await allRows(handle.db, 'auth_accounts');
      expect(String(accounts[0]?.['password'])).toMatch(/^\$argon2id\$/);
    } finally {
      await handle.close();
    }
  });
});
