import { Redis } from 'ioredis';
import { systemClock, type Clock } from '#src/lib/clock.ts';
import { log } from '#src/lib/log.ts';

/**
 * Where the anti-abuse state lives: Redis when `REDIS_URL` is set (so every app instance shares rate limits, used proofs
 * and the daily address secret), else this process's memory. When Redis is configured but cannot be reached, every
 * operation falls back to memory and one warning line says so (one per outage, not one per request); a line at `info`
 * says when Redis is back.
 *
 * Nothing stored here is personal: keys are hashes, ids and signatures, each with a time to live.
 */
export interface AntiAbuseStore {
  /** `redis` when REDIS_URL is set (even during an outage), else `memory`. */
  readonly mode: 'redis' | 'memory';
  /** Prefix of every key this store writes (Redis and memory alike); tests use their own. */
  readonly keyPrefix: string;
  readonly clock: Clock;
  /**
   * The Redis client whatever its state (undefined in memory mode), for libraries that check readiness themselves
   * (rate-limiter-flexible). Everything else uses `redis()`.
   */
  readonly client: Redis | undefined;
  /** The Redis client when it can be used right now; undefined in memory mode or during an outage (noted once). */
  redis(): Promise<Redis | undefined>;
  /** Records that Redis failed and memory is used instead: one warning line per outage. */
  noteFallback(error?: unknown): void;
  /** Marks `key` as used for `ttlSeconds`; true when it was not used before (Redis `SET NX EX`). */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * The value under `key`, storing `create()` first when there is none (Redis `SET NX EX`, then `GET`). `shared` tells
   * whether it came from Redis (every instance sees the same value) or from this process's memory.
   */
  getOrCreate(key: string, create: () => string, ttlSeconds: number): Promise<{ value: string; shared: boolean }>;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

export interface AntiAbuseStoreOptions {
  /** redis:// or rediss:// URL; unset means memory only. */
  redisUrl?: string | undefined;
  /** Default `hotro:aa:`. */
  keyPrefix?: string;
  clock?: Clock;
  /** How long the first request waits for the first connection before falling back (ms, default 1500). */
  connectWaitMs?: number;
  /** Most entries kept in memory before the oldest are dropped (default 100 000). */
  memoryMaxEntries?: number;
}

/** Entries with an expiry, timed by the store's clock; the oldest go first when the map is full. */
class ExpiringMap {
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  readonly #clock: Clock;
  readonly #maxEntries: number;
  #writes = 0;

  constructor(clock: Clock, maxEntries: number) {
    this.#clock = clock;
    this.#maxEntries = maxEntries;
  }

  get(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#clock.now().getTime()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Sets the value unless a live one exists; true when it was set. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): boolean {
    if (this.get(key) !== undefined) return false;
    this.#writes += 1;
    if (this.#writes % 1000 === 0) this.#sweep();
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: this.#clock.now().getTime() + ttlSeconds * 1000 });
    return true;
  }

  #sweep(): void {
    const now = this.#clock.now().getTime();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}

/** Creates the store; with a Redis URL it connects at once (in the background). */
export function createAntiAbuseStore(options: AntiAbuseStoreOptions = {}): AntiAbuseStore {
  const keyPrefix = options.keyPrefix ?? 'hotro:aa:';
  const clock = options.clock ?? systemClock;
  const memory = new ExpiringMap(clock, options.memoryMaxEntries ?? 100_000);
  const connectWaitMs = options.connectWaitMs ?? 1500;

  let fallbackNoted = false;
  const noteFallback = (error?: unknown): void => {
    if (fallbackNoted) return;
    fallbackNoted = true;
    // One line, no URL (it may carry a password): what happened and what it means.
    log.warn('anti-abuse.redis-unavailable', {
      fallback: 'memory',
      error: errorCode(error),
      note: 'rate limits, single-use proofs and the daily address secret are per instance until Redis is back',
    });
  };

  const client =
    options.redisUrl === undefined
      ? undefined
      : new Redis(options.redisUrl, {
          // Fail fast while disconnected (rate-limiter-flexible's advice): a request then uses memory at once instead
          // of waiting in a queue for a server that may not come back.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: (times: number) => Math.min(250 * 2 ** Math.min(times, 5), 5000),
        });

  let firstOutcome: Promise<void> | undefined;
  if (client !== undefined) {
    // Without an 'error' listener ioredis prints every connection error to the console.
    client.on('error', (error: unknown) => noteFallback(error));
    client.on('ready', () => {
      if (fallbackNoted) log.info('anti-abuse.redis-restored');
      fallbackNoted = false;
    });
    firstOutcome = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, connectWaitMs);
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      client.once('ready', done);
      client.once('error', done);
      client.once('end', done);
    });
  }

  const redis = async (): Promise<Redis | undefined> => {
    if (client === undefined) return undefined;
    if (isReady(client)) return client;
    // Only the very first use waits, for the connection being opened at start; later a missing connection means an
    // outage, and waiting would only slow every request down.
    if (firstOutcome !== undefined) {
      await firstOutcome;
      firstOutcome = undefined;
      if (isReady(client)) return client;
    }
    noteFallback();
    return undefined;
  };

  return {
    mode: client === undefined ? 'memory' : 'redis',
    keyPrefix,
    client,
    clock,
    redis,
    noteFallback,

    async claimOnce(key, ttlSeconds) {
      const fullKey = keyPrefix + key;
      const ttl = Math.max(1, Math.ceil(ttlSeconds));
      const connection = await redis();
      if (connection !== undefined) {
        try {
          return (await connection.set(fullKey, '1', 'EX', ttl, 'NX')) === 'OK';
        } catch (error) {
          noteFallback(error);
        }
      }
      return memory.setIfAbsent(fullKey, '1', ttl);
    },

    async getOrCreate(key, create, ttlSeconds) {
      const fullKey = keyPrefix + key;
      const ttl = Math.max(1, Math.ceil(ttlSeconds));
      const connection = await redis();
      if (connection !== undefined) {
        try {
          const candidate = create();
          await connection.set(fullKey, candidate, 'EX', ttl, 'NX');
          return { value: (await connection.get(fullKey)) ?? candidate, shared: true };
        } catch (error) {
          noteFallback(error);
        }
      }
      const existing = memory.get(fullKey);
      if (existing !== undefined) return { value: existing, shared: false };
      const value = create();
      memory.setIfAbsent(fullKey, value, ttl);
      return { value, shared: false };
    },

    async close() {
      if (client === undefined) return;
      client.removeAllListeners('ready');
      if (client.status === 'ready') {
        await client.quit().catch(() => client.disconnect());
      } else {
        client.disconnect();
      }
    },
  };
}

// A function, so TypeScript does not keep a narrowed status across an await.
function isReady(client: Redis): boolean {
  return client.status === 'ready';
}

// A code such as ECONNREFUSED says enough; messages can carry host names and are left out.
function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  if (error instanceof Error) return error.name;
  return undefined;
}
