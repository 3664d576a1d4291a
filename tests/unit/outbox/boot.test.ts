import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '#src/env.server.ts';
import { createTransportFromEnv, startOutboxWorker } from '#src/features/outbox/boot.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import { OutboxConfigError } from '#src/features/outbox/worker.server.ts';
import { setLogLevel } from '#src/lib/log.ts';
import { createTestDatabase, makeTempDir, type TestDatabase, testEngine } from '../../setup/db.ts';
import { memoryTransport, newCaseMessage, rowById, testKeyring } from './helpers.ts';

const key = randomBytes(32).toString('base64');
const folder = makeTempDir('hotro-boot-');
const env = (extra: Record<string, string> = {}) =>
  loadEnv({
    DATA_DIR: join(folder.path, 'data'),
    KEY_FILE: join(folder.path, 'keys', 'intake.key'),
    INTAKE_ENCRYPTION_KEY: key,
    SITE_URL: 'https://hotro.example.gov.vn',
    OUTBOX_POLL_MS: '10',
    OUTBOX_RETRY_BASE_MS: '1',
    OUTBOX_RETRY_MAX_MS: '5',
    ...extra,
  });

describe('the outbox settings in the environment', () => {
  it('default to 8 attempts, 30 s to 6 h backoff, a 60 s lease and a 2 s poll', () => {
    const { outboxMaxAttempts, outboxRetryBaseMs, outboxRetryMaxMs, outboxLeaseMs, outboxPollMs } = loadEnv({});
    expect([outboxMaxAttempts, outboxRetryBaseMs, outboxRetryMaxMs, outboxLeaseMs, outboxPollMs]).toEqual([
      8, 30_000, 21_600_000, 60_000, 2_000,
    ]);
  });

  it('default the sender to the portal name on an address that cannot receive', () => {
    expect(loadEnv({}).mailFrom).toBe('Hỗ trợ cai nghiện <no-reply@example.invalid>');
  });

  it('refuse a sender that is not an address', () => {
    expect(() => loadEnv({ MAIL_FROM: 'Hỗ trợ cai nghiện' })).toThrow(/MAIL_FROM/);
  });

  it('refuse a longest retry wait shorter than the shortest', () => {
    expect(() => loadEnv({ OUTBOX_RETRY_BASE_MS: '1000', OUTBOX_RETRY_MAX_MS: '10' })).toThrow(/OUTBOX_RETRY_MAX_MS/);
  });

  it('refuse a lease of a few milliseconds', () => {
    expect(() => loadEnv({ OUTBOX_LEASE_MS: '5' })).toThrow(/OUTBOX_LEASE_MS/);
  });
});

describe('the transport chosen by the environment', () => {
  it('is Resend when RESEND_API_KEY is set', () => {
    expect(createTransportFromEnv(env({ RESEND_API_KEY: 're_test', RESEND_BASE_URL: 'http://127.0.0.1:9' })).name).toBe(
      'resend',
    );
  });

  it('writes .eml files when RESEND_API_KEY is unset', () => {
    expect(createTransportFromEnv(env()).name).toBe('eml');
  });
});

describe(`startOutboxWorker on ${testEngine}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
    setLogLevel('warn');
  });
  afterAll(async () => {
    setLogLevel('info');
    await test.cleanup();
    folder.remove();
  });

  it('sends what is queued into DATA_DIR/mail, and stops when asked', async () => {
    const { id } = await test.db.transaction((tx) => enqueue(tx, newCaseMessage(), testKeyring(key)));
    const worker = startOutboxWorker(env(), test.handle, { keyring: testKeyring(key) });
    const file = join(folder.path, 'data', 'mail', `${id}.eml`);
    for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(20);
    await worker.stop();
    expect([existsSync(file), (await rowById(test.db, id)).status]).toEqual([true, 'sent']);
  });

  it('refuses a lease shorter than one send may take', () => {
    expect(() =>
      startOutboxWorker(env({ OUTBOX_LEASE_MS: '1000' }), test.handle, {
        transport: memoryTransport({ timeoutMs: 5_000 }),
      }),
    ).toThrow(OutboxConfigError);
  });
});
