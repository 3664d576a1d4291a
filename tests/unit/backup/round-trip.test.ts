/**
 * Backup and restore for real, on the engine the unit suite runs on (TEST_DB_ENGINE): a request is written through the
 * intake handler with a key in a real KEY_FILE, `npm run backup` writes a backup, more data is written, `npm run restore`
 * brings back exactly what the backup held, and the request still decrypts with the key kept apart. The backup's bytes
 * (decompressed) hold neither the key nor a derived secret, nor the request's words or address in plain form, while
 * plain columns such as the point's name are there (proof that the search sees the content). The backup command also
 * rotates: backups older than RETENTION_DAYS_AFTER_CLOSE go, newer ones and other files stay. A restore also works
 * into a new, empty PostgreSQL database or an emptied DATA_DIR. On PGlite, both commands
 * refuse while another process holds DATA_DIR, as the portal does.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseEnv, type DatabaseHandle } from '#src/db/client.server.ts';
import { migrateDatabase } from '#src/db/migrate.server.ts';
import { cases } from '#src/db/schema/index.ts';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import { createAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import { backupFileName } from '#src/features/backup/backup-names.ts';
import { deriveSecret } from '#src/features/crypto/derive-secret.server.ts';
import { loadKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';
import { loadDirectorySnapshot } from '#src/features/directory/snapshot.server.ts';
import { openCasePayload } from '#src/features/intake/case-store.server.ts';
import { handleIntake } from '#src/features/intake/handle-intake.server.ts';
import { systemClock } from '#src/lib/clock.ts';
import { createTestDatabaseEnv, makeTempDir, testEngine } from '../../setup/db.ts';
import { runScript } from '../../setup/run-script.ts';
import { FAST_POW } from '../../setup/solve-pow.ts';
import { DEFAULT_POINTS, insertTestPoint, validRequest } from '../intake/helpers.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const tag = randomBytes(5).toString('hex').toUpperCase();
const marker = `MARKER-BACKUP-${tag}`;
const emailMarker = `backup-${tag.toLowerCase()}@example.com`;
const laterMarker = `MARKER-AFTER-BACKUP-${tag}`;
const pointName = DEFAULT_POINTS[0]!.name;

const tmp = makeTempDir('hotro-backup-');
const keyFile = join(tmp.path, 'keys', 'intake.key');
const backupDir = join(tmp.path, 'backups');
let place: { env: DatabaseEnv; cleanup(): Promise<void> };
let keyring: Keyring;
let firstCaseId: string;
let backupFile: string;

async function withDatabase<T>(action: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(place.env);
  try {
    return await action(handle);
  } finally {
    await handle.close();
  }
}

/** Sends a request through the real intake handler; returns the new case's id. */
async function submit(handle: DatabaseHandle, message: string, email: string): Promise<string> {
  const now = systemClock.now();
  const snapshot = await loadDirectorySnapshot(handle, { demo: false, now });
  const antiAbuse = createAntiAbuse({ keyring, keyPrefix: `test:backup:${tag}:`, proofOfWork: FAST_POW });
  try {
    const outcome = await handleIntake(validRequest({ message, contact: { kind: 'email', value: email } }), {
      lang: 'vi',
      clientKey: 'b'.repeat(32) as ClientKey,
      gate: false,
      services: {
        database: async () => handle,
        keyring: () => keyring,
        directory: async () => snapshot,
        antiAbuse: async () => antiAbuse,
        clock: systemClock,
      },
    });
    if (outcome.kind !== 'accepted') throw new Error(`intake not accepted: ${outcome.kind}`);
    return outcome.caseId;
  } finally {
    await antiAbuse.close();
  }
}

const run = (script: string, args: readonly string[] = [], env: DatabaseEnv = place.env) =>
  runScript(script, env, args, {
    extraEnv: { BACKUP_DIR: backupDir, KEY_FILE: keyFile, INTAKE_ENCRYPTION_KEY: '', RETENTION_DAYS_AFTER_CLOSE: '30' },
  });

/** Everything a reader of the backup file can get at: its bytes, decompressed, and for pg_dump the SQL it restores. */
function readableContent(file: string): Buffer {
  const raw = readFileSync(file);
  if (testEngine === 'pglite') return gunzipSync(raw);
  // pg_dump's custom format compresses each table: pg_restore without a database writes the plain SQL script.
  const script = execFileSync('pg_restore', ['--file=-', file], { maxBuffer: 512 * 1024 * 1024 });
  return Buffer.concat([raw, script]);
}

/** The forms in which a value could sit in a file, named: raw bytes, hex (bytea in SQL text) and base64. */
const forms = (label: string, value: Buffer): Array<[string, Buffer]> => [
  [`${label} (bytes)`, value],
  [`${label} (hex)`, Buffer.from(value.toString('hex'))],
  [`${label} (base64)`, Buffer.from(value.toString('base64'))],
];

beforeAll(async () => {
  place = await createTestDatabaseEnv();
  keyring = loadKeyring({ keyFile }); // generates the key file, as the portal's first start does
  firstCaseId = await withDatabase(async (handle) => {
    await migrateDatabase(handle);
    await insertTestPoint(handle.db, DEFAULT_POINTS[0]!);
    return submit(handle, `${marker} con tôi cần giúp đỡ`, emailMarker);
  });
});

afterAll(async () => {
  await place.cleanup();
  tmp.remove();
});

describe(`npm run backup / npm run restore (${testEngine})`, () => {
  const startedAt = Date.now();
  const tooOld = backupFileName(testEngine, new Date(startedAt - 45 * DAY_MS));
  const recent = backupFileName(testEngine, new Date(startedAt - 20 * DAY_MS));

  it('writes a backup to BACKUP_DIR and deletes those older than the retention window, nothing else', async () => {
    // A folder of this user's only, as the command makes it (one open to others is closed, with a warning).
    mkdirSync(backupDir, { recursive: true, mode: 0o700 });
    for (const name of [tooOld, recent, 'notes.txt']) writeFileSync(join(backupDir, name), 'older');
    const result = await run('scripts/backup.ts');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const made = readdirSync(backupDir).filter((name) => ![recent, 'notes.txt'].includes(name));
    expect(made).toEqual([expect.stringMatching(/^hotro-/)]);
    expect(made[0]).toMatch(
      testEngine === 'pglite' ? /^hotro-pglite-\d{8}T\d{6}Z\.tar\.gz$/ : /^hotro-postgres-\d{8}T\d{6}Z\.dump$/,
    );
    expect(result.stdout).toContain(`deleted 1 backup(s) older than 30 days: ${tooOld}`);
    backupFile = join(backupDir, made[0]!);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
  });

  it('holds no key material and no request text in plain form, but the plain columns', () => {
    const content = readableContent(backupFile);
    expect(content.includes(Buffer.from(pointName))).toBe(true);
    const key = keyring.current.key;
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key.toString('base64'));
    const needles = [
      ...forms('the key', key),
      ...forms('the console secret derived from it', deriveSecret(keyring.current, 'console:auth')),
      ...forms('the request text', Buffer.from(marker)),
      ...forms('the contact address', Buffer.from(emailMarker)),
    ];
    // Labels only in the failure message: the secret itself is not printed.
    expect(needles.filter(([, needle]) => content.includes(needle)).map(([label]) => label)).toEqual([]);
  });

  it('restores exactly what the backup held: later requests go, the first one decrypts with the key kept apart', async () => {
    await withDatabase(async (handle) => {
      await submit(handle, `${laterMarker} viết sau bản sao lưu`, `later-${tag.toLowerCase()}@example.com`);
      expect(await handle.db.select({ id: cases.id }).from(cases)).toHaveLength(2);
    });
    const result = await run('scripts/restore.ts', [backupFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = await withDatabase((handle) => handle.db.select({ id: cases.id, payload: cases.payload }).from(cases));
    expect(rows.map((row) => row.id)).toEqual([firstCaseId]);
    const payload = openCasePayload(loadKeyring({ keyFile }), firstCaseId, rows[0]!.payload!);
    expect(payload.message).toContain(marker);
  });

  it.runIf(testEngine === 'postgres')('restores into a new, empty database', async () => {
    const fresh = await createTestDatabaseEnv();
    try {
      const result = await run('scripts/restore.ts', [backupFile], fresh.env);
      expect([result.code, result.stderr]).toEqual([0, '']);
      const handle = await openDatabase(fresh.env);
      try {
        const rows = await handle.db.select({ id: cases.id }).from(cases);
        expect(rows.map((row) => row.id)).toEqual([firstCaseId]);
      } finally {
        await handle.close();
      }
    } finally {
      await fresh.cleanup();
    }
  });

  it.runIf(testEngine === 'pglite')('restores into an emptied DATA_DIR after the database folder is lost', async () => {
    execFileSync('rm', ['-rf', join(place.env.dataDir, 'pglite')]);
    const result = await run('scripts/restore.ts', [backupFile]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const rows = await withDatabase((handle) => handle.db.select({ id: cases.id }).from(cases));
    expect(rows.map((row) => row.id)).toEqual([firstCaseId]);
  });

  it.runIf(testEngine === 'pglite')(
    'refuses in one line while another process holds DATA_DIR, and writes nothing',
    async () => {
      const before = readdirSync(backupDir).sort();
      const portal = await openDatabase(place.env); // what the running portal holds
      try {
        const backup = await run('scripts/backup.ts');
        expect(backup.code).toBe(1);
        expect(backup.stderr).toMatch(
          /^error: Cannot back up the embedded database while another process .* has DATA_DIR ".*" open: stop it first, since PGlite allows one process\n$/,
        );
        const restore = await run('scripts/restore.ts', [backupFile]);
        expect(restore.code).toBe(1);
        expect(restore.stderr).toMatch(/^error: Cannot restore the embedded database while another process[^\n]*\n$/);
        expect(readdirSync(backupDir).sort()).toEqual(before);
        expect(existsSync(join(place.env.dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      } finally {
        await portal.close();
      }
    },
  );
});
