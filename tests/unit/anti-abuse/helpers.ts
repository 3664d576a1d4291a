/**
 * Shared by the anti-abuse tests: the test Redis (127.0.0.1:6379 unless TEST_REDIS_URL says otherwise; every test uses
 * its own key prefix and deletes its keys, never FLUSHALL), a Redis URL that refuses connections, a movable clock and a
 * capture of what the logger writes.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { vi } from 'vitest';
import type { Clock } from '#src/lib/clock.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set TEST_SKIP_REDIS=1 only on a machine without Redis; CI never does. */
export const skipRedis = process.env.TEST_SKIP_REDIS === '1';

/** Nothing listens on port 1: connections are refused at once. */
export const CLOSED_REDIS_URL = 'redis://127.0.0.1:1';

/** A key prefix of this test's own. */
export const testPrefix = (): string => `test:anti-abuse:${randomUUID()}:`;

/** Deletes every key under `prefix` (SCAN, never FLUSHALL) and closes the connection. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Counts the keys under `prefix`. */
export async function countKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    return (await redis.keys(`${prefix}*`)).length;
  } finally {
    await redis.quit();
  }
}

/** A clock that tests move by hand. */
export function movableClock(
  start: Date | string,
): Clock & { set(instant: Date | string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (instant) => {
      now = new Date(instant).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Captures the logger's lines (stdout and stderr) until `restore()`; nothing reaches the terminal meanwhile. */
export function captureOutput(): { lines: () => string[]; restore: () => void } {
  const written: string[] = [];
  const record = (chunk: unknown): boolean => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(record);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(record);
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
