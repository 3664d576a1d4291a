/**
 * The outbox worker: claims due rows with a lease, sends each OUTSIDE any transaction, then marks it sent or schedules
 * a retry (or keeps it as a dead letter). Any number of workers may run against PostgreSQL; on PGlite the server runs
 * one in-process. Logs carry row ids, kinds, attempts and outcomes only: never an address, a subject or a body.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '#src/db/client.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import { type Clock, systemClock } from '#src/lib/clock.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { AppError } from '#src/lib/errors.ts';
import { log } from '#src/lib/log.ts';
import { retryDelayMs } from './backoff.ts';
import { type ClaimedRow, claimBatch, markSent, recordFailure, releaseClaims } from './claims.server.ts';
import { deliver } from './deliver.server.ts';
import { defaultOutboxSettings, type OutboxSettings } from './settings.ts';
import { errorClass, type MailTransport, type SendResult } from './transport.ts';

/** The worker cannot run as configured (e.g. a lease shorter than one send may take). */
export class OutboxConfigError extends AppError {
  override name = 'OutboxConfigError';
}

/** What a worker needs. `signal` stops it: the send in progress finishes, unsent claimed rows are released. */
export interface WorkerOptions {
  readonly handle: Pick<DatabaseHandle, 'db'>;
  readonly transport: MailTransport;
  readonly keyring: Keyring;
  readonly settings?: Partial<OutboxSettings>;
  readonly clock?: Clock;
  /** For the retry jitter (tests make it predictable). */
  readonly random?: () => number;
  readonly signal?: AbortSignal;
}

/** What one `drainOnce` did. `lost`: rows whose lease had passed to another worker before this one could mark them. */
export interface DrainResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  released: number;
  lost: number;
}

/**
 * Sends everything due now: claims batches until none is left, sending each row and marking the outcome. Returns
 * counts. Stops early (releasing unsent rows) when `signal` aborts. Database errors are thrown.
 */
export async function drainOnce(options: WorkerOptions): Promise<DrainResult> {
  const settings = resolveSettings(options);
  const totals: DrainResult = { claimed: 0, sent: 0, retried: 0, dead: 0, released: 0, lost: 0 };
  const clock = options.clock ?? systemClock;
  while (!options.signal?.aborted) {
    const rows = await claimBatch(options.handle.db, {
      limit: settings.batchSize,
      leaseMs: settings.leaseMs,
      now: clock.now(),
    });
    if (rows.length === 0) break;
    totals.claimed += rows.length;
    const before = totals.sent + totals.retried + totals.dead + totals.lost;
    await processBatch(rows, options, settings, totals);
    // Nothing was attempted (every lease was already too short): stop rather than spin; the next poll tries again.
    if (totals.sent + totals.retried + totals.dead + totals.lost === before) break;
  }
  return totals;
}

async function processBatch(
  rows: readonly ClaimedRow[],
  options: WorkerOptions,
  settings: OutboxSettings,
  totals: DrainResult,
): Promise<void> {
  const clock = options.clock ?? systemClock;
  const unsent: ClaimedRow[] = [];
  for (const row of rows) {
    // Stopping, or too little lease left to finish a send before another worker may take the row: give it back.
    if (options.signal?.aborted || clock.now().getTime() + options.transport.timeoutMs > row.claimedUntil.getTime()) {
      unsent.push(row);
      continue;
    }
    const now = clock.now();
    const result = await deliver(row, {
      keyring: options.keyring,
      transport: options.transport,
      from: settings.from,
      siteUrl: settings.siteUrl,
      now,
    });
    await settle(row, result, options, settings, totals);
  }
  if (unsent.length > 0) {
    const released = await releaseClaims(options.handle.db, unsent);
    totals.released += released;
    log.info('outbox.released', { count: released });
  }
}

async function settle(
  row: ClaimedRow,
  result: SendResult,
  options: WorkerOptions,
  settings: OutboxSettings,
  totals: DrainResult,
): Promise<void> {
  const clock = options.clock ?? systemClock;
  const attempt = row.attempts + 1;
  const fields = { id: row.id, kind: row.kind, attempt };
  if (result.ok) {
    if (await markSent(options.handle.db, row, clock.now())) {
      totals.sent += 1;
      log.info('outbox.sent', { ...fields, transport: options.transport.name });
    } else {
      totals.lost += 1;
      log.warn('outbox.lease_lost', { ...fields, outcome: 'sent' });
    }
    return;
  }
  const error = errorClass(result.error);
  const dead = !result.retryable || attempt >= settings.maxAttempts;
  const delayMs = dead
    ? 0
    : retryDelayMs(attempt, { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs }, options.random);
  const nextAttemptAt = new Date(clock.now().getTime() + delayMs);
  if (!(await recordFailure(options.handle.db, row, { error, dead, nextAttemptAt }))) {
    totals.lost += 1;
    log.warn('outbox.lease_lost', { ...fields, outcome: 'failed', error });
    return;
  }
  if (dead) {
    totals.dead += 1;
    log.warn('outbox.dead', { ...fields, recipient: row.recipientKind, error });
  } else {
    totals.retried += 1;
    log.info('outbox.retry', { ...fields, error, delay_ms: delayMs });
  }
}

/**
 * Runs until `signal` aborts: drains what is due, then waits `pollMs` and looks again. A database error is logged
 * (one line, no data) and retried after the pause. Resolves once stopped; the send in progress finishes first.
 */
export async function runWorker(options: WorkerOptions & { readonly signal: AbortSignal }): Promise<void> {
  const settings = resolveSettings(options);
  log.info('outbox.worker_started', { transport: options.transport.name, poll_ms: settings.pollMs });
  while (!options.signal.aborted) {
    try {
      await drainOnce(options);
    } catch (error) {
      log.error('outbox.worker_error', { error: describeError(error) });
    }
    if (options.signal.aborted) break;
    await sleep(settings.pollMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
  log.info('outbox.worker_stopped', { transport: options.transport.name });
}

function resolveSettings(options: WorkerOptions): OutboxSettings {
  const settings = { ...defaultOutboxSettings, ...options.settings };
  if (settings.leaseMs <= options.transport.timeoutMs) {
    throw new OutboxConfigError(
      `OUTBOX_LEASE_MS (${settings.leaseMs}) must be longer than one send may take (${options.transport.timeoutMs} ms for ${options.transport.name})`,
    );
  }
  if (settings.retryMaxMs < settings.retryBaseMs) {
    throw new OutboxConfigError('OUTBOX_RETRY_MAX_MS must not be less than OUTBOX_RETRY_BASE_MS');
  }
  return settings;
}
