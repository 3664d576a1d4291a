/**
 * Proofs for tests that submit forms or API requests (the intake tests, fuzzing, e2e): solves Altcha challenges quickly
 * with Node's native PBKDF2. Start the server under test with `FAST_POW_ENV` (or build services with `FAST_POW`) so a
 * proof costs about a millisecond.
 *
 *   const altcha = await fetchProof(origin);              // GET /api/challenge, solved
 *   await fetch(`${origin}/api/intake`, { method: 'POST', body: JSON.stringify({ ...fields, altcha }) });
 */
import { randomBytes } from 'node:crypto';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { loadKeyring, type Keyring } from '#src/features/crypto/keyring.server.ts';

/** Proof-of-work settings that make a challenge cost next to nothing (for `createAntiAbuse({ proofOfWork })`). */
export const FAST_POW = { complexity: 10, cost: 1 } as const;

/** The same, as environment variables for a server started by a test. */
export const FAST_POW_ENV = { ALTCHA_COMPLEXITY: '10', ALTCHA_COST: '1' } as const;

/** Solves a challenge and returns the `altcha` field's value (base64 of `{ challenge, solution }`). */
export async function solvePow(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  if (solution === null)
    throw new Error('solvePow: the challenge was not solved within a minute (is ALTCHA_COMPLEXITY lowered?)');
  const payload = {
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution: { counter: solution.counter, derivedKey: solution.derivedKey },
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

/** Fetches a challenge from a running portal (`GET /api/challenge`) and solves it. */
export async function fetchProof(origin: string, init?: RequestInit): Promise<string> {
  const response = await fetch(new URL('/api/challenge', origin), init);
  if (!response.ok) throw new Error(`fetchProof: GET /api/challenge answered ${response.status}`);
  return solvePow((await response.json()) as Challenge);
}

/** A keyring held in memory only (no key file), with `count` random keys, the first current. */
export function testKeyring(count = 1): Keyring {
  const keys = Array.from({ length: count }, () => randomBytes(32).toString('base64'));
  return loadKeyring({ keyFile: '/nonexistent/unused.key', intakeEncryptionKey: keys.join(',') });
}
