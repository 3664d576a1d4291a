/** How a worker behaves; `boot.server.ts` fills it from the environment, tests pick milliseconds. */
export interface OutboxSettings {
  /** MAIL_FROM: `Name <address>` or a bare address. */
  readonly from: string;
  /** The site's public origin (SITE_URL), for links in notices. */
  readonly siteUrl: string;
  /** OUTBOX_MAX_ATTEMPTS: attempts before a row becomes a dead letter. */
  readonly maxAttempts: number;
  /** OUTBOX_RETRY_BASE_MS / OUTBOX_RETRY_MAX_MS: bounds of the retry backoff. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** OUTBOX_LEASE_MS: how long a claim lasts; must be longer than the transport's timeout. */
  readonly leaseMs: number;
  /** OUTBOX_POLL_MS: the idle worker's pause between looks. */
  readonly pollMs: number;
  /** Rows claimed at once. */
  readonly batchSize: number;
}

/** The defaults, as the environment's (DESIGN: 8 attempts, 30 s to 6 h backoff, 60 s lease, 2 s poll). */
export const defaultOutboxSettings: OutboxSettings = Object.freeze({
  from: 'Hỗ trợ cai nghiện <no-reply@example.invalid>',
  siteUrl: 'http://localhost:4321',
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 3_600_000,
  leaseMs: 60_000,
  pollMs: 2_000,
  batchSize: 10,
});
