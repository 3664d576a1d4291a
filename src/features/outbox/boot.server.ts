import { join } from 'node:path';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Env } from '#src/env.server.ts';
import { type Keyring, processKeyring } from '#src/features/crypto/keyring.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { ensureWritableDataDir } from '#src/db/data-dir.server.ts';
import { createEmlTransport } from './eml-transport.server.ts';
import { createResendTransport } from './resend-transport.server.ts';
import { defaultOutboxSettings, type OutboxSettings } from './settings.ts';
import type { MailTransport } from './transport.ts';
import { OutboxConfigError, runWorker } from './worker.server.ts';

/** The part of the environment the outbox worker reads. */
export type OutboxEnv = Pick<
  Env,
  | 'dataDir'
  | 'port'
  | 'siteUrl'
  | 'keyFile'
  | 'intakeEncryptionKey'
  | 'resendApiKey'
  | 'resendBaseUrl'
  | 'mailFrom'
  | 'outboxMaxAttempts'
  | 'outboxRetryBaseMs'
  | 'outboxRetryMaxMs'
  | 'outboxLeaseMs'
  | 'outboxPollMs'
>;

/** A running worker. `stop()` lets the send in progress finish, releases unsent claimed rows, and resolves. */
export interface RunningOutboxWorker {
  stop(): Promise<void>;
}

/** The worker's settings from the environment. Links use SITE_URL, or http://localhost:PORT when it is unset. */
export function outboxSettingsFromEnv(env: OutboxEnv): OutboxSettings {
  return {
    ...defaultOutboxSettings,
    from: env.mailFrom,
    siteUrl: env.siteUrl ?? `http://localhost:${env.port}`,
    maxAttempts: env.outboxMaxAttempts,
    retryBaseMs: env.outboxRetryBaseMs,
    retryMaxMs: env.outboxRetryMaxMs,
    leaseMs: env.outboxLeaseMs,
    pollMs: env.outboxPollMs,
  };
}

/**
 * The transport the environment asks for: Resend when RESEND_API_KEY is set (RESEND_BASE_URL may point elsewhere),
 * else `.eml` files in `$DATA_DIR/mail/`. A Resend request may take at most half the lease (and 15 s), so a send
 * always ends while its lease holds.
 */
export function createTransportFromEnv(env: OutboxEnv): MailTransport {
  if (env.resendApiKey !== undefined) {
    const timeoutMs = Math.min(15_000, Math.floor(env.outboxLeaseMs / 2));
    return createResendTransport({ apiKey: env.resendApiKey, baseUrl: env.resendBaseUrl, timeoutMs });
  }
  ensureWritableDataDir(env.dataDir);
  return createEmlTransport({ dir: join(env.dataDir, 'mail') });
}

/**
 * Starts the outbox worker in this process and returns at once; the worker runs until `stop()`. `scripts/start.ts`
 * calls it for the embedded database (one process only), `scripts/worker.ts` for PostgreSQL. Call `stop()` before
 * closing the database. Throws `OutboxConfigError` or `KeyError` with one line when it cannot run.
 */
export function startOutboxWorker(
  env: OutboxEnv,
  handle: Pick<DatabaseHandle, 'db'>,
  overrides: { readonly transport?: MailTransport; readonly keyring?: Keyring; readonly clock?: Clock } = {},
): RunningOutboxWorker {
  const settings = outboxSettingsFromEnv(env);
  const transport = overrides.transport ?? createTransportFromEnv(env);
  if (settings.leaseMs <= transport.timeoutMs) {
    throw new OutboxConfigError(
      `OUTBOX_LEASE_MS (${settings.leaseMs}) must be longer than one send may take (${transport.timeoutMs} ms)`,
    );
  }
  const keyring = overrides.keyring ?? processKeyring();
  const controller = new AbortController();
  const running = runWorker({
    handle,
    transport,
    keyring,
    settings,
    signal: controller.signal,
    ...(overrides.clock ? { clock: overrides.clock } : {}),
  }).catch((error: unknown) => {
    log.error('outbox.worker_failed', { error: describeError(error) });
  });
  return {
    stop() {
      controller.abort();
      return running;
    },
  };
}
