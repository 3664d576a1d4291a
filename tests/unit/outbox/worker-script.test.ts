import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { type FakeResend, startFakeResend } from '../../fixtures/fake-resend.ts';
import { createTestDatabase, makeTempDir, type TestDatabase, testEngine } from '../../setup/db.ts';
import { repoRoot } from '../../setup/portal-process.ts';
import { allRows, newCaseMessage, testKeyring } from './helpers.ts';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runWorkerScript(env: Record<string, string | undefined>): Run {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/worker.ts')], {
    cwd: repoRoot,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('npm run worker', () => {
  const folder = makeTempDir('hotro-worker-');
  afterAll(() => folder.remove());

  it('refuses the embedded database with one clear line', async () => {
    const run = runWorkerScript({
      DATABASE_URL: undefined,
      DATA_DIR: join(folder.path, 'data'),
      KEY_FILE: join(folder.path, 'k', 'intake.key'),
    });
    expect([await run.exited, run.output()]).toEqual([
      1,
      'error: npm run worker needs DATABASE_URL (PostgreSQL); with the embedded database the server runs the worker itself\n',
    ]);
  });
});

describe.runIf(testEngine === 'postgres')('npm run worker on PostgreSQL', () => {
  let test: TestDatabase;
  let resend: FakeResend;
  const key = randomBytes(32).toString('base64');
  const runs: Run[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    resend = await startFakeResend();
    const env = {
      DATABASE_URL: test.url,
      INTAKE_ENCRYPTION_KEY: key,
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      SITE_URL: 'https://hotro.example.gov.vn',
      OUTBOX_POLL_MS: '20',
      LOG_LEVEL: 'info',
    };
    runs.push(runWorkerScript(env), runWorkerScript(env));
    // Both running before anything is queued, so they compete for the rows.
    for (let i = 0; i < 1_000 && !runs.every((run) => run.output().includes('outbox.worker_started')); i++)
      await sleep(20);
    const keyring = testKeyring(key);
    for (let i = 0; i < 20; i++) {
      const message = newCaseMessage({ to: `script-probe-${i}@example.invalid` });
      ids.push((await test.db.transaction((tx) => enqueue(tx, message, keyring))).id);
    }
    for (let i = 0; i < 500 && resend.deliveries.length < ids.length; i++) await sleep(20);
    for (const run of runs) run.child.kill('SIGTERM');
    await Promise.all(runs.map((run) => run.exited));
  });
  afterAll(async () => {
    for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await resend.close();
    await test.cleanup();
  });

  it('two workers at once deliver each row once', () => {
    expect([resend.deliveries.map((delivery) => delivery.idempotencyKey).sort(), resend.requestKeys.length]).toEqual([
      [...ids].sort(),
      20,
    ]);
  });

  it('marks every row sent', async () => {
    expect((await allRows(test.db)).map((row) => row.status)).toEqual(Array(20).fill('sent'));
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await Promise.all(runs.map((run) => run.exited))).toEqual([0, 0]);
  });

  it('logs no address', async () => {
    await Promise.all(runs.map((run) => run.exited));
    expect(runs.map((run) => run.output()).join('')).not.toContain('script-probe');
  });
});
