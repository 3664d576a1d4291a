/**
 * Wires the anti-abuse services together: one store (Redis or memory), the address keyer, the rate limits, the proof of
 * work, the no-JavaScript tokens and the gate. `createAntiAbuse` is for tests and tools; routes use the process's shared
 * instance through `getAntiAbuse()` (`(await getAntiAbuse()).limits.consume(…)`): the modules it wires import nothing
 * back from here, so the services form no import cycle.
 */
import type { Keyring } from '#src/features/crypto/keyring.server.ts';
import type { Clock } from '#src/lib/clock.ts';
import { forgetSingleton, singleton } from '#src/lib/singleton.server.ts';
import { createClientKeyer, type ClientKeyer } from './client-key.server.ts';
import { createFallbackChallenge, type FallbackChallenge } from './fallback-challenge.server.ts';
import { createGate, type Gate } from './gate.server.ts';
import { createProofOfWork, type ProofOfWork } from './proof-of-work.server.ts';
import { createRateLimits, type LimiterName, type RateLimits, type RateWindow } from './rate-limits.server.ts';
import { createAntiAbuseStore, type AntiAbuseStore } from './store.server.ts';

export interface AntiAbuse {
  readonly store: AntiAbuseStore;
  readonly keyer: ClientKeyer;
  readonly limits: RateLimits;
  readonly proofOfWork: ProofOfWork;
  readonly fallback: FallbackChallenge;
  readonly gate: Gate;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

export interface AntiAbuseOptions {
  keyring: Keyring;
  redisUrl?: string | undefined;
  /** Prefix of every Redis (and memory) key; tests use their own. */
  keyPrefix?: string;
  clock?: Clock;
  /** TRUST_PROXY: reverse proxies whose X-Forwarded-For is trusted (default 0). */
  trustProxy?: number;
  limits?: Partial<Record<LimiterName, readonly RateWindow[]>>;
  proofOfWork?: { complexity?: number; cost?: number; ttlSeconds?: number };
  fallback?: { minFillSeconds?: number; maxAgeSeconds?: number };
}

/** Creates a complete, independent set of services. */
export function createAntiAbuse(options: AntiAbuseOptions): AntiAbuse {
  const store = createAntiAbuseStore({
    redisUrl: options.redisUrl,
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const keyer = createClientKeyer({ store, trustProxy: options.trustProxy ?? 0 });
  const limits = createRateLimits({ store, ...(options.limits === undefined ? {} : { limits: options.limits }) });
  const proofOfWork = createProofOfWork({ keyring: options.keyring, store, ...options.proofOfWork });
  const fallback = createFallbackChallenge({ keyring: options.keyring, store, ...options.fallback });
  const gate = createGate({ proofOfWork, fallback, limits });
  return { store, keyer, limits, proofOfWork, fallback, gate, close: () => store.close() };
}

// One Redis connection (or memory store) per process.
const NAME = 'anti-abuse store';

/** The process's shared services, built on first use from the environment (REDIS_URL, REDIS_PREFIX, TRUST_PROXY, ALTCHA_*, keys). */
export function getAntiAbuse(): Promise<AntiAbuse> {
  const shared = singleton(NAME, async () => {
    const { loadEnv } = await import('#src/env.server.ts');
    const { processKeyring } = await import('#src/features/crypto/keyring.server.ts');
    const env = loadEnv();
    return createAntiAbuse({
      keyring: processKeyring(),
      redisUrl: env.redisUrl,
      keyPrefix: env.redisPrefix,
      trustProxy: env.trustProxy,
      proofOfWork: { complexity: env.altchaComplexity, cost: env.altchaCost },
    });
  });
  // A failed start must not stick (e.g. a key file fixed afterwards).
  shared.catch(() => forgetSingleton(NAME, shared));
  return shared;
}

/** Closes the shared services, if they were built. */
export async function closeAntiAbuse(): Promise<void> {
  const current = forgetSingleton(NAME) as Promise<AntiAbuse> | undefined;
  await (await current?.catch(() => undefined))?.close();
}
