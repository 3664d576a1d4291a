/**
 * `<proof-of-work>`: the browser side of ProofOfWork.astro (the island runtime: components/islands/island.ts). Solves
 * the server's challenge and keeps the form's hidden `altcha` field filled with a fresh answer. A short status is
 * announced politely to screen readers, for the first challenge only (re-announcing every few minutes would disturb).
 */
import { defineIsland, part, words } from '#src/components/islands/island.ts';
import { encodePayload, solve, type Challenge } from './pow-solver.ts';

// Renew this long before the challenge expires, leaving time to solve the next one and to send the form.
const RENEW_MARGIN_MS = 60_000;
// Never renew more often than this, whatever the clocks say.
const MIN_RENEW_MS = 30_000;

class ProofOfWorkElement extends HTMLElement {
  #controller: AbortController | undefined;
  #renewTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.#controller = new AbortController();
    void this.#run(true, this.#controller);
  }

  disconnectedCallback(): void {
    this.#controller?.abort();
    if (this.#renewTimer !== undefined) clearTimeout(this.#renewTimer);
  }

  async #run(first: boolean, controller: AbortController): Promise<void> {
    const text = words(this, 'working', 'done', 'failed', 'challengeUrl');
    const field = part(this, 'input[name="altcha"]', HTMLInputElement);
    const status = part(this, '[aria-live]', HTMLElement);
    if (first) status.textContent = text.working;
    try {
      const response = await fetch(text.challengeUrl, {
        cache: 'no-store',
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`challenge: HTTP ${response.status}`);
      const challenge = (await response.json()) as Challenge;
      // The challenge's lifetime measured on the server's clock (its Date header), so a wrong device clock does not
      // matter.
      const serverNow = Date.parse(response.headers.get('date') ?? '') || Date.now();
      const fetchedAt = Date.now();
      const solution = await solve(challenge, controller);
      if (controller.signal.aborted) return;
      if (solution === null) throw new Error('challenge: not solved');
      field.value = encodePayload(challenge, solution);
      if (first) status.textContent = text.done;
      const expiresAt = challenge.parameters.expiresAt;
      if (expiresAt !== undefined) {
        const lifetime = expiresAt * 1000 - serverNow;
        const wait = Math.max(MIN_RENEW_MS, lifetime - RENEW_MARGIN_MS - (Date.now() - fetchedAt));
        this.#renewTimer = setTimeout(() => void this.#run(false, controller), wait);
      }
    } catch {
      // A proof made earlier stays in the form; the server falls back to the no-JavaScript token when it is stale.
      if (!controller.signal.aborted && first) status.textContent = text.failed;
    }
  }
}

defineIsland('proof-of-work', ProofOfWorkElement);
