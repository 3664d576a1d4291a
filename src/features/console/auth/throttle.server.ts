/**
 * Sign-in throttling, never keyed by a stored address: per client (the daily-rotating keyed hash of the address the
 * anti-abuse layer computes and keeps only in memory or Redis with a TTL) and per account (a keyed hash of the e-mail
 * address), so both one client trying many accounts and many clients trying one account are slowed down. Counters
 * are shared through Redis when REDIS_URL is set.
 */
import type { AstroGlobal } from 'astro';
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import { keyedHash } from '#src/features/crypto/keyed-hash.server.ts';
import type { Keyring } from '#src/features/crypto/keyring.server.ts';

export type ThrottleResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts one sign-in attempt for this client and this account; refuses when either has had too many. */
export async function throttleSignIn(astro: AstroGlobal, keyring: Keyring, email: string): Promise<ThrottleResult> {
  const { getAntiAbuse } = await import('#src/features/anti-abuse/services.server.ts');
  const antiAbuse = await getAntiAbuse();
  const client = await antiAbuse.keyer.clientKeyOf(astro);
  const account = keyedHash(keyring, 'console:signin-account', email).hash.toString('hex').slice(0, 32) as ClientKey;
  const [byClient, byAccount] = await Promise.all([
    antiAbuse.limits.consume('signin', client),
    antiAbuse.limits.consume('signinAccount', account),
  ]);
  const waits = [byClient, byAccount].flatMap((result) => (result.ok ? [] : [result.retryAfterSeconds]));
  return waits.length === 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(...waits) };
}
