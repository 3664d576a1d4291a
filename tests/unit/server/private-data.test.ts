/**
 * The portal's folders are private to the user it runs as: on a fresh DATA_DIR, after a start and some traffic (pages,
 * a request for help and its notice e-mail, a sign-in attempt), no file or folder under it can be read by another local
 * user; a DATA_DIR left open to others is closed at start, and the log says so in one line; BACKUP_DIR likewise at
 * `npm run backup`. "Readable by another user" is judged from the modes of the file and every folder above it and,
 * when the tests run as root, by really trying as the user nobody. On PGlite and PostgreSQL (TEST_DB_ENGINE).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../../setup/portal-process.ts';
import { createTestDatabaseEnv, makeTempDir, testEngine } from '../../setup/db.ts';
import { runScript } from '../../setup/run-script.ts';
import { repoRoot } from '../../setup/portal-process.ts';
import { freePort, hasBuild, NO_BUILD_MESSAGE, sendIntake, serverEnv } from '../intake/portal-helpers.ts';

/** Every file and folder below `dir` (the folder itself first). */
function entriesOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return [
    dir,
    ...readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? entriesOf(path) : [path];
    }),
  ];
}

/** Whether a user who is neither the owner nor in the group could read `path`: its mode, and every folder above. */
function readableByOthers(path: string): boolean {
  const mode = statSync(path).mode;
  const wanted = statSync(path).isDirectory() ? 0o005 : 0o004;
  if ((mode & wanted) !== wanted) return false;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return false;
    if (dirname(folder) === folder) return true;
  }
}

/** What the user nobody can really read below `dir` (root only; [] elsewhere, where the mode check stands alone). */
function readableByNobody(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const found = spawnSync('find', [dir, '-readable'], { uid: 65534, gid: 65534, encoding: 'utf8' });
  return found.stdout.split('\n').filter((line) => line !== '');
}

/** A folder like /var/lib: others may pass through it, so only the portal's own folder can keep them out. */
function openParent(): { path: string; remove(): void } {
  const parent = makeTempDir('hotro-private-');
  chmodSync(parent.path, 0o755);
  return parent;
}

describe.skipIf(!hasBuild)(`the portal's folders are private (${testEngine})`, () => {
  const parent = openParent();
  let place: Awaited<ReturnType<typeof createTestDatabaseEnv>>;
  beforeAll(async () => {
    place = await createTestDatabaseEnv();
  });
  afterAll(async () => {
    parent.remove();
    await place?.cleanup();
  });

  it('leaves nothing under a fresh DATA_DIR readable by other users after a start and some traffic', async () => {
    const dataDir = join(parent.path, 'fresh-data');
    const portal = await startPortal({
      port: await freePort(),
      dataDir,
      env: serverEnv(place.env.databaseUrl, {
        KEY_FILE: join(parent.path, 'keys', 'intake.key'),
        OUTBOX_IN_PROCESS: '1',
      }),
      timeoutMs: 300_000,
    });
    try {
      expect((await fetch(`${portal.url}/`)).status).toBe(200);
      const sent = await sendIntake(portal.url, {
        who: 'family',
        communeCode: '00004',
        helpWanted: 'counselling',
        ageBand: '18-24',
        message: 'Con tôi cần được tư vấn',
      });
      expect(sent.status).toBe(201);
      await fetch(`${portal.url}/quan-ly/dang-nhap`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: portal.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'nobody@example.invalid', password: 'not the password', next: '/quan-ly' }),
      });
      // The notice e-mail of the request, written by the in-process outbox.
      for (let i = 0; i < 50 && !existsSync(join(dataDir, 'mail')); i++)
        await new Promise((done) => setTimeout(done, 200));
      expect(existsSync(join(dataDir, 'mail'))).toBe(true);
    } finally {
      expect(await portal.stop()).toBe(0);
    }
    const entries = entriesOf(dataDir);
    expect(entries.length).toBeGreaterThan(testEngine === 'pglite' ? 100 : 1);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(entries.filter(readableByOthers)).toEqual([]);
    expect(readableByNobody(dataDir)).toEqual([]);
  }, 600_000);

  it('closes a DATA_DIR left open to others at start, and says so in one line', async () => {
    const dataDir = join(parent.path, 'open-data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'left-over.txt'), 'x', { mode: 0o644 });
    const portal = await startPortal({
      port: await freePort(),
      dataDir,
      env: serverEnv(place.env.databaseUrl, {
        KEY_FILE: join(parent.path, 'keys', 'intake.key'),
        OUTBOX_IN_PROCESS: '1',
      }),
      timeoutMs: 300_000,
    });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const lines = portal
        .output()
        .split('\n')
        .filter((line) => line.includes(dataDir));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/DATA_DIR/);
      expect(lines[0]).toMatch(/0755/);
      expect(lines[0]).toMatch(/0700/);
    } finally {
      await portal.stop();
    }
    expect(entriesOf(dataDir).filter(readableByOthers)).toEqual([]);
  }, 600_000);

  it('closes a BACKUP_DIR left open to others at npm run backup; the backup itself is private', async () => {
    const backupDir = join(parent.path, 'open-backups');
    mkdirSync(backupDir, { mode: 0o755 });
    chmodSync(backupDir, 0o755);
    const dataDir = join(parent.path, 'fresh-data');
    const run = await runScript(join(repoRoot, 'scripts/backup.ts'), { ...place.env, dataDir }, [], {
      extraEnv: { BACKUP_DIR: backupDir, KEY_FILE: join(parent.path, 'keys', 'intake.key') },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    expect(`${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes('BACKUP_DIR'))).toHaveLength(1);
    const entries = entriesOf(backupDir);
    expect(entries.length).toBe(2);
    expect(entries.filter(readableByOthers)).toEqual([]);
    expect(readableByNobody(backupDir)).toEqual([]);
  }, 300_000);
});

describe.skipIf(hasBuild)('the portal folders test', () => {
  it.skip(NO_BUILD_MESSAGE, () => undefined);
});
