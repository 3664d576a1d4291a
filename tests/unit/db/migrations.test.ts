import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppliedMigrations } from '#src/db/applied-migrations.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { openPostgres } from '#src/db/postgres.server.ts';
import { createEmptyTestDatabase, type TestDatabase, testEngine } from '../../setup/db.ts';

const EXPECTED_TABLES = [
  'audit_log',
  'auth_accounts',
  'auth_sessions',
  'auth_two_factors',
  'auth_users',
  'auth_verifications',
  'case_events',
  'case_handovers',
  'case_messages',
  'case_notes',
  'case_notices',
  'cases',
  'closures',
  'console_sign_in_slowdowns',
  'console_used_totp_codes',
  'cost_options',
  'escalation_digests',
  'intake_form_tokens',
  'languages',
  'listing_reports',
  'locations',
  'organizations',
  'outbox',
  'phones',
  'point_memberships',
  'schedules',
  'service_areas',
  'service_at_location',
  'services',
  'staff_invitations',
  'staff_profiles',
];

describe(`migrations on ${testEngine}`, () => {
  let test: TestDatabase;
  let first: Awaited<ReturnType<typeof migrateDatabase>>;
  beforeAll(async () => {
    test = await createEmptyTestDatabase();
    first = await migrateDatabase(test.handle);
  });
  afterAll(() => test.cleanup());

  it('apply every migration to a fresh database', () => {
    expect(first.applied).toBe(first.total);
  });

  it('create every table of the schema', async () => {
    const result = await test.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = (result as unknown as { rows: Array<{ table_name: string }> }).rows.map((row) => row.table_name);
    expect(names).toEqual(EXPECTED_TABLES);
  });

  it('do nothing when applied again', async () => {
    const before = await readAppliedMigrations(test.handle);
    const again = await migrateDatabase(test.handle);
    expect([again.applied, await readAppliedMigrations(test.handle)]).toEqual([0, before]);
  });

  it('apply once when two runs on one handle overlap', async () => {
    const fresh = await createEmptyTestDatabase();
    try {
      const runs = await Promise.all([migrateDatabase(fresh.handle), migrateDatabase(fresh.handle)]);
      expect(runs.map((run) => run.applied).sort()).toEqual([0, first.total]);
    } finally {
      await fresh.cleanup();
    }
  });

  it.runIf(testEngine === 'postgres')(
    'apply once when two instances migrate one database at the same time',
    async () => {
      const fresh = await createEmptyTestDatabase();
      const other = await openPostgres(fresh.url ?? '');
      try {
        const runs = await Promise.all([migrateDatabase(fresh.handle), migrateDatabase(other)]);
        expect(runs.map((run) => run.applied).sort()).toEqual([0, first.total]);
      } finally {
        await other.close();
        await fresh.cleanup();
      }
    },
  );

  it('refuse a missing migrations folder with one line', async () => {
    await expect(migrateDatabase(test.handle, '/nonexistent/migrations')).rejects.toThrow(
      /^Cannot find the database migrations: \/nonexistent\/migrations\/meta\/_journal\.json is missing$/,
    );
  });
});
