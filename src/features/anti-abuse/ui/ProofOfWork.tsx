/**
 * The proof-of-work island for a public form. Put it inside the `<form>`, next to the hidden `fallback` token and the
 * honeypot:
 *
 *   <ProofOfWork client:load working={t('antiAbuse.pow.working')} done={t('antiAbuse.pow.done')}
 *     failed={t('antiAbuse.pow.failed')} />
 *
 * It fetches a challenge from /api/challenge, solves it (Web Workers when possible, else the main thread in short
 * steps), and writes the answer into a hidden `altcha` input that the form sends. Before the challenge expires it quietly
 * fetches and solves a new one, so a person who takes an hour to write still sends a valid proof. A short status is
 * announced politely to screen readers. Without JavaScript, or if solving fails, the form still works: the server then
 * accepts the `fallback` token instead.
 *
 * Strings come in as props (the island never loads the catalogues). No inline styles: the CSP blocks them.
 */
import { useEffect, useState } from 'react';
import { encodePayload, solve, type Challenge } from './pow-solver.ts';

export interface ProofOfWorkProps {
  /** Announced while the first challenge is being solved. */
  working: string;
  /** Announced once the form carries a proof. */
  done: string;
  /** Announced when no proof could be made (the form can still be sent). */
  failed: string;
  /** Where challenges come from (default `/api/challenge`). */
  challengeUrl?: string;
  /** Class of the status line; by default it is only for screen readers. */
  statusClassName?: string;
}

type Status = 'idle' | 'working' | 'done' | 'failed';

// Renew this long before the challenge expires, leaving time to solve the next one and to send the form.
const RENEW_MARGIN_MS = 60_000;
// Never renew more often than this, whatever the clocks say.
const MIN_RENEW_MS = 30_000;

export default function ProofOfWork(props: ProofOfWorkProps) {
  const url = props.challengeUrl ?? '/api/challenge';
  const [status, setStatus] = useState<Status>('idle');
  const [payload, setPayload] = useState('');

  useEffect(() => {
    let stopped = false;
    let renewTimer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const run = async (first: boolean): Promise<void> => {
      // Renewals happen silently: re-announcing every few minutes would only disturb a screen reader user.
      if (first) setStatus('working');
      try {
        const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', signal: controller.signal });
        if (!response.ok) throw new Error(`challenge: HTTP ${response.status}`);
        const challenge = (await response.json()) as Challenge;
        // The challenge's lifetime measured on the server's clock (its Date header), so a wrong device clock does not
        // matter.
        const serverNow = Date.parse(response.headers.get('date') ?? '') || Date.now();
        const fetchedAt = Date.now();
        const solution = await solve(challenge, controller);
        if (stopped) return;
        if (solution === null) throw new Error('challenge: not solved');
        setPayload(encodePayload(challenge, solution));
        setStatus('done');
        const expiresAt = challenge.parameters.expiresAt;
        if (expiresAt !== undefined) {
          const lifetime = expiresAt * 1000 - serverNow;
          const wait = Math.max(MIN_RENEW_MS, lifetime - RENEW_MARGIN_MS - (Date.now() - fetchedAt));
          renewTimer = setTimeout(() => void run(false), wait);
        }
      } catch {
        // A proof made earlier stays in the form; the server falls back to the no-JavaScript token when it is stale.
        if (!stopped && first) setStatus('failed');
      }
    };

    void run(true);
    return () => {
      stopped = true;
      controller.abort();
      if (renewTimer !== undefined) clearTimeout(renewTimer);
    };
  }, [url]);

  const message = status === 'idle' ? '' : props[status];
  return (
    <>
      <input type="hidden" name="altcha" value={payload} />
      <p className={props.statusClassName ?? 'visually-hidden'} aria-live="polite">
        {message}
      </p>
    </>
  );
}
