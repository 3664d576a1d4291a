/**
 * Named rate limits, keyed by a `ClientKey` (never an address). Each name has one or more windows (e.g. 5 per 10 minutes
 * AND 20 per day); a request must fit in all of them. Counters live in Redis (rate-limiter-flexible's `RateLimiterRedis`)
 * when REDIS_URL is set, so every instance counts together, else in memory. When Redis cannot be reached the limits keep
 * working per instance in memory (`insuranceLimiter`) and the store logs one warning line.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { countRateLimitRefusal } from '#src/features/observability/metrics.server.ts';
import type { ClientKey } from './client-key.server.ts';
import type { AntiAbuseStore } from './store.server.ts';

/** One window: at most `points` requests per `durationSeconds`. */
export interface RateWindow {
  readonly points: number;
  readonly durationSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The portal's limits. Tests pass their own to `createRateLimits`. */
export const DEFAULT_LIMITS = {
  /** Counselling requests (form and API). */
  intake: [
    { points: 5, durationSeconds: 10 * MINUTE },
    { points: 20, durationSeconds: DAY },
  ],
  /** Receipt code look-ups: wrong codes are guesses, so few. */
  track: [{ points: 10, durationSeconds: 10 * MINUTE }],
  /** Reports of wrong directory entries. */
  report: [{ points: 10, durationSeconds: HOUR }],
  /** Proof-of-work challenges fetched (a page load fetches one, and one more about every 9 minutes while open). */
  challenge: [{ points: 60, durationSeconds: 10 * MINUTE }],
  /**
   * Staff sign-in attempts, per client. Attempts at one account are slowed by the console itself, in the database
   * (console/auth/sign-in-slowdown.server.ts): seconds between guesses, never a lockout of the owner.
   */
  signin: [
    { points: 10, durationSeconds: 15 * MINUTE },
    { points: 50, durationSeconds: DAY },
  ],
  /**
   * New cases per point per hour (keyed by the point's id, not a client): over it the operator is told
   * (`intake.point-cap-exceeded`), and requests let through beyond their address's limit by a harder proof of work
   * are refused for that point. Requests within their address's limit are never refused by it.
   */
  pointCases: [{ points: 30, durationSeconds: HOUR }],
} as const satisfies Record<string, readonly RateWindow[]>;

/** A limiter name. */
export type LimiterName = keyof typeof DEFAULT_LIMITS;

/** The answer to one request; when refused, `excess` is how far over its limit the key now is (this one counted). */
export type ConsumeResult = { ok: true } | { ok: false; retryAfterSeconds: number; excess: number };

/** Where a key stands without counting anything: how far over its limit one more request would be (0: within it). */
export interface Standing {
  excess: number;
  retryAfterSeconds: number;
}

export interface RateLimits {
  /** Counts one request by `key` against the limiter `name`. */
  consume(name: LimiterName, key: ClientKey): Promise<ConsumeResult>;
  /** How one more request by `key` would stand against `name`, counting nothing. */
  standing(name: LimiterName, key: ClientKey): Promise<Standing>;
}

export interface RateLimitsOptions {
  store: AntiAbuseStore;
  /** Replaces the windows of some limiters (tests use small ones). */
  limits?: Partial<Record<LimiterName, readonly RateWindow[]>>;
}

/** Creates the limiters over the store's Redis connection, or memory. */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const { store } = options;
  const limits: Record<LimiterName, readonly RateWindow[]> = { ...DEFAULT_LIMITS, ...options.limits };
  const built = new Map<LimiterName, RateLimiterAbstract[]>();

  const limitersFor = (name: LimiterName): RateLimiterAbstract[] => {
    const existing = built.get(name);
    if (existing !== undefined) return existing;
    const limiters = limits[name].map((window, index): RateLimiterAbstract => {
      const common = {
        points: window.points,
        duration: window.durationSeconds,
        keyPrefix: `${store.keyPrefix}rl:${name}:${index}`,
      };
      if (store.client === undefined) return new RateLimiterMemory(common);
      return new RateLimiterRedis({
        ...common,
        storeClient: store.client,
        // Not ready (an outage) means the memory insurance at once, rather than a command that would only fail.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new NoticedMemoryLimiter(common, () => store.noteFallback()),
      });
    });
    built.set(name, limiters);
    return limiters;
  };

  return {
    async consume(name, key) {
      // The first call waits for the connection being opened at start, so early requests do not fall back needlessly.
      if (store.mode === 'redis') await store.redis();
      let waitMs = 0;
      let refused = false;
      let excess = 0;
      // Every window counts the request, even after one refuses, so the windows stay consistent with each other.
      for (const limiter of limitersFor(name)) {
        try {
          await limiter.consume(key);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          refused = true;
          waitMs = Math.max(waitMs, rejection.msBeforeNext);
          excess = Math.max(excess, rejection.consumedPoints - limiter.points);
        }
      }
      if (!refused) return { ok: true };
      // Counted by limiter name only: the client's key is never a label.
      countRateLimitRefusal(name);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), excess };
    },

    async standing(name, key) {
      if (store.mode === 'redis') await store.redis();
      let excess = 0;
      let waitMs = 0;
      for (const limiter of limitersFor(name)) {
        // A store that cannot answer counts as "within the limit": this only ever makes work harder, never easier.
        const current = await limiter.get(key).catch(() => null);
        const over = (current?.consumedPoints ?? 0) + 1 - limiter.points;
        if (over > 0 && current !== null) {
          excess = Math.max(excess, over);
          waitMs = Math.max(waitMs, current.msBeforeNext);
        }
      }
      return { excess, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
  };
}

/** The memory insurance limiter, which tells the store when it is used (the store logs that once per outage). */
class NoticedMemoryLimiter extends RateLimiterMemory {
  readonly #notice: () => void;

  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], notice: () => void) {
    super(options);
    this.#notice = notice;
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
    this.#notice();
    return super.consume(...args);
  }
}
