/**
 * Solves an Altcha challenge in the browser (also runs in Node, where there is no Worker, for tests). Browser-safe: it
 * imports only altcha-lib's WebCrypto code, never a `*.server.ts` module.
 *
 * With Web Workers (every current browser) the counters are split over up to four workers, each a same-origin file
 * bundled under /_astro/. When workers are missing or fail to start, it solves on the main thread: each attempt awaits
 * WebCrypto (which computes off the main thread) and altcha-lib yields to the event loop at least every 200 ms, so the
 * page stays responsive.
 */
import { solveChallenge, solveChallengeWorkers, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

export type { Challenge, Solution } from 'altcha-lib';

/** Gives up after this long (a slow phone needs a few seconds; a minute means something is wrong). */
const TIMEOUT_MS = 90_000;

/** Finds the solution of `challenge`, or null when aborted or timed out. */
export async function solve(
  challenge: Challenge,
  controller: AbortController = new AbortController(),
): Promise<Solution | null> {
  if (typeof Worker !== 'undefined') {
    try {
      const concurrency = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
      return await solveChallengeWorkers({
        challenge,
        concurrency,
        controller,
        timeout: TIMEOUT_MS,
        createWorker: () =>
          new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module', name: 'proof-of-work' }),
      });
    } catch {
      if (controller.signal.aborted) return null;
      // The worker file could not load (an old browser, a proxy that blocks it): solve here instead.
    }
  }
  return solveChallenge({ challenge, controller, deriveKey, timeout: TIMEOUT_MS });
}

/** The `altcha` field's value: base64 of `{ challenge, solution }`, the format the Altcha widget also sends. */
export function encodePayload(challenge: Challenge, solution: Solution): string {
  const payload = {
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution: { counter: solution.counter, derivedKey: solution.derivedKey },
  };
  // The JSON is ASCII only (hex strings, numbers and our key id), so btoa is safe.
  return btoa(JSON.stringify(payload));
}
