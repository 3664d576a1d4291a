/**
 * The one place a client's network address is read, and it is hashed at once.
 *
 * `clientKey` turns the address into an HMAC-SHA256 (hex, truncated to 128 bits) under a random secret that changes every
 * UTC day. The secret lives only in memory or in Redis with a two-day time to live (shared by every instance through
 * `SET NX`, so all of them compute the same key on the same day), and is never written anywhere else. Once a day has
 * passed and its secret has expired, nobody, not even the operator, can tell which address a key came from, and keys of
 * different days cannot be linked. The raw address is never returned, stored or logged.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Clock } from '#src/lib/clock.ts';
import type { AntiAbuseStore } from './store.server.ts';

/** A keyed, daily-rotating hash of a client address: 32 hex characters, safe to store with a TTL and to log. */
export type ClientKey = string & { readonly __brand: 'ClientKey' };

export interface ClientKeyerOptions {
  store: AntiAbuseStore;
  /** Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted (TRUST_PROXY). */
  trustProxy: number;
  /** Defaults to the store's clock. */
  clock?: Clock;
}

/** What routes have: an Astro API context or the `Astro` global. */
export interface AddressedContext {
  readonly request: Request;
  readonly clientAddress: string;
}

export interface ClientKeyer {
  /** The key for a request whose socket address is `clientAddress`. */
  clientKey(request: Request, clientAddress: string | undefined): Promise<ClientKey>;
  /** The key for a route's request: reads `context.clientAddress` here, so no route has to (ESLint forbids it). */
  clientKeyOf(context: AddressedContext): Promise<ClientKey>;
}

// A day's secret lives two days, so a request just after midnight on a slow instance still finds the day's secret.
const SECRET_TTL_SECONDS = 2 * 24 * 60 * 60;
const SECRET_CACHE_MS = 5 * 60 * 1000;
// The key stands for "no usable address": all such requests share one bucket, which is the safe side for limits.
const UNKNOWN = 'unknown';

/** Creates a keyer over a store (Redis or memory) for the daily secret. */
export function createClientKeyer(options: ClientKeyerOptions): ClientKeyer {
  const { store, trustProxy } = options;
  const clock = options.clock ?? store.clock;
  // Cache of the day's secret, so most requests cost no Redis round trip. It is asked again every few minutes (should
  // Redis have lost it, every instance soon agrees on the new one), and a secret that came from the memory fallback
  // during a Redis outage is not cached at all: the next request asks Redis again.
  const cache = new Map<string, { secret: string; until: number }>();
  // The HMAC key made from the last secret (a KeyObject: Node imports a string key on every call otherwise).
  let lastKey: { secret: string; key: KeyObject } | undefined;
  const hmacKeyOf = (secret: string): KeyObject => {
    if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
    return lastKey.key;
  };

  async function secretFor(day: string): Promise<string> {
    const now = clock.now().getTime();
    const cached = cache.get(day);
    if (cached !== undefined && (store.mode === 'memory' || cached.until > now)) return cached.secret;
    const { value: secret, shared } = await store.getOrCreate(
      `ck:secret:${day}`,
      () => randomBytes(32).toString('hex'),
      SECRET_TTL_SECONDS,
    );
    if (shared || store.mode === 'memory') {
      for (const old of cache.keys()) if (old !== day) cache.delete(old);
      cache.set(day, { secret, until: now + SECRET_CACHE_MS });
    }
    return secret;
  }

  const keyOf = async (forwardedFor: string | null, clientAddress: string | undefined): Promise<ClientKey> => {
    const address = pickAddress(forwardedFor, clientAddress, trustProxy);
    const day = clock.now().toISOString().slice(0, 10);
    const secret = await secretFor(day);
    return createHmac('sha256', hmacKeyOf(secret)).update(address).digest('hex').slice(0, 32) as ClientKey;
  };

  const clientKey = (request: Request, clientAddress: string | undefined): Promise<ClientKey> =>
    keyOf(request.headers.get('x-forwarded-for'), clientAddress);

  return {
    clientKey,
    clientKeyOf(context) {
      let address: string | undefined;
      try {
        // eslint-disable-next-line no-restricted-syntax -- the one place the address is read, to hash it at once
        address = context.clientAddress;
      } catch {
        // Astro throws when the adapter cannot tell the address: such requests share one bucket.
        address = undefined;
      }
      return clientKey(context.request, address);
    },
  };
}

/**
 * The client's address as seen through `trustProxy` trusted proxies, normalised: with N trusted proxies, the N-th
 * address from the right of [X-Forwarded-For…, socket address] is the client (entries further left were written by the
 * client itself and prove nothing). This relies on Astro giving the socket address as `clientAddress`, which it does as
 * long as astro.config sets no `security.allowedDomains`: with that set, Astro reports the LEFTMOST X-Forwarded-For entry
 * instead, which the client writes itself, and this function would need the socket address some other way. IPv6 addresses are reduced to their /64 network, which one subscriber usually holds
 * whole (otherwise a single person could rotate through 2^64 addresses).
 */
function pickAddress(forwarded: string | null, socketAddress: string | undefined, trustProxy: number): string {
  const chain: string[] = [];
  if (trustProxy > 0) {
    if (forwarded !== null)
      chain.push(
        ...forwarded
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      );
  }
  chain.push(socketAddress ?? '');
  const index = Math.max(0, chain.length - 1 - trustProxy);
  return normaliseAddress(chain[index] ?? '');
}

function normaliseAddress(raw: string): string {
  let value = raw.trim().toLowerCase();
  // "[2001:db8::1]:443" and "203.0.113.7:5123" carry a port some proxies add.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1] !== undefined) value = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const zone = value.indexOf('%');
  if (zone !== -1) value = value.slice(0, zone);
  if (value.startsWith('::ffff:') && isIPv4(value.slice(7))) value = value.slice(7);
  if (isIPv4(value)) return value;
  if (isIPv6(value)) return `${expandIPv6(value).slice(0, 4).join(':')}::/64`;
  return UNKNOWN;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address;
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) becomes two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((group) =>
    Number.parseInt(group, 16).toString(16),
  );
}
