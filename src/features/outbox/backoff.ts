/** The retry schedule's bounds, in ms (OUTBOX_RETRY_BASE_MS, OUTBOX_RETRY_MAX_MS). */
export interface RetryBounds {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * How long to wait before the next attempt after `attempt` failed attempts (1 for the first failure): exponential
 * backoff with full jitter, never under `baseMs` and never over `maxMs`. The ceiling doubles per attempt
 * (2 × base after the first failure, 4 × base after the second, …, capped at max) and the wait is drawn uniformly
 * between base and that ceiling, so workers that failed together do not retry together.
 */
export function retryDelayMs(attempt: number, bounds: RetryBounds, random: () => number = Math.random): number {
  const { baseMs, maxMs } = bounds;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 1), 40));
  const spread = Math.max(0, ceiling - baseMs);
  return Math.min(maxMs, Math.round(baseMs + Math.min(Math.max(random(), 0), 1) * spread));
}
