import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '#src/features/outbox/backoff.ts';

const bounds = { baseMs: 30_000, maxMs: 6 * 3_600_000 };

describe('retry backoff', () => {
  it('waits at least the base delay', () => {
    expect(retryDelayMs(1, bounds, () => 0)).toBe(30_000);
  });

  it('waits at most twice the base after the first failure', () => {
    expect(retryDelayMs(1, bounds, () => 1)).toBe(60_000);
  });

  it('doubles the ceiling with each failure', () => {
    expect(retryDelayMs(3, bounds, () => 1)).toBe(240_000);
  });

  it('never waits longer than the maximum', () => {
    expect(retryDelayMs(30, bounds, () => 1)).toBe(6 * 3_600_000);
  });

  it('spreads waits between the base and the ceiling (full jitter)', () => {
    const waits = Array.from({ length: 200 }, () => retryDelayMs(4, bounds));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(480_000);
    expect(new Set(waits).size).toBeGreaterThan(100);
  });
});
