/**
 * A small HTTP load generator for the benchmarks (no dependency: node:http with a keep-alive Agent). Loopback only.
 *
 * - `closedLoop`: `connections` workers, each sending its next request as soon as the previous one is answered, over
 *   keep-alive connections, until `durationMs` has passed or the requests run out. Measures the maximum throughput.
 * - `openLoop`: requests sent on a fixed schedule (`rate` per second) whether or not earlier ones were answered, so a
 *   slow server cannot slow the sender down. Each latency is counted from the request's SCHEDULED time, so a late
 *   send (the generator itself busy) is counted against the result rather than hidden (no coordinated omission).
 *
 * Every request has a timeout, and every phase a hard deadline: a stuck server makes errors, never a hung benchmark.
 */
import http from 'node:http';

/** One request to send: a path on the target, headers and a body (serialised before the timed phase). */
export interface LoadRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface LoadResult {
  /** Requests answered with the expected status. */
  readonly ok: number;
  /** Everything else: other statuses, network errors, timeouts (with their counts, by kind). */
  readonly errors: number;
  readonly errorKinds: ReadonlyMap<string, number>;
  /** Requests sent (answered or not). */
  readonly sent: number;
  /** From the first send to the last answer, in ms. */
  readonly elapsedMs: number;
  /** Expected-status answers per second over `elapsedMs`. */
  readonly okPerSecond: number;
  /** Latency of every expected-status answer, in ms. */
  readonly latenciesMs: readonly number[];
}

interface Target {
  /** e.g. http://127.0.0.1:4321 (loopback only). */
  readonly origin: string;
  /** The status that counts as success (201 for a created request). */
  readonly expectStatus: number;
  /** Per-request timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
}

export interface ClosedLoopOptions extends Target {
  readonly connections: number;
  readonly durationMs: number;
  /** Called once per request, in order; `undefined` means no request is left (the phase ends early). */
  readonly next: () => LoadRequest | undefined;
}

export interface OpenLoopOptions extends Target {
  /** Requests per second. */
  readonly rate: number;
  readonly durationMs: number;
  readonly next: () => LoadRequest | undefined;
  /** Requests allowed in flight at once before new ones count as errors without being sent (default 1,000). */
  readonly maxInFlight?: number;
}

type Outcome = { kind: 'ok'; ms: number } | { kind: 'error'; label: string };

function assertLoopback(origin: string): URL {
  const url = new URL(origin);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol !== 'http:')
    throw new Error(`load: loopback http only (got ${origin})`);
  return url;
}

/** Sends one request on `agent`; resolves with the outcome (never rejects). `startedAt` is when latency counts from. */
function send(
  agent: http.Agent,
  url: URL,
  request: LoadRequest,
  expectStatus: number,
  timeoutMs: number,
  startedAt: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = http.request(
      {
        agent,
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        method: 'POST',
        path: request.path,
        headers: { ...request.headers, 'content-length': String(request.body.byteLength) },
      },
      (res) => {
        // The body is read in full (keep-alive needs it) but not kept.
        res.on('data', () => undefined);
        res.once('end', () =>
          done(
            res.statusCode === expectStatus
              ? { kind: 'ok', ms: performance.now() - startedAt }
              : { kind: 'error', label: `HTTP ${res.statusCode ?? '?'}` },
          ),
        );
        res.once('error', () => done({ kind: 'error', label: 'network' }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      done({ kind: 'error', label: 'timeout' });
      req.destroy();
    });
    req.once('error', (error: NodeJS.ErrnoException) => done({ kind: 'error', label: error.code ?? 'network' }));
    req.end(request.body);
  });
}

class Tally {
  ok = 0;
  sent = 0;
  readonly latencies: number[] = [];
  readonly errorKinds = new Map<string, number>();

  add(outcome: Outcome): void {
    if (outcome.kind === 'ok') {
      this.ok += 1;
      this.latencies.push(outcome.ms);
    } else this.error(outcome.label);
  }

  error(label: string): void {
    this.errorKinds.set(label, (this.errorKinds.get(label) ?? 0) + 1);
  }

  result(elapsedMs: number): LoadResult {
    let errors = 0;
    for (const count of this.errorKinds.values()) errors += count;
    return {
      ok: this.ok,
      errors,
      errorKinds: this.errorKinds,
      sent: this.sent,
      elapsedMs,
      okPerSecond: elapsedMs > 0 ? (this.ok * 1000) / elapsedMs : 0,
      latenciesMs: this.latencies,
    };
  }
}

/** Maximum throughput: `connections` keep-alive connections, each one request at a time, for `durationMs`. */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const url = assertLoopback(options.origin);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const tally = new Tally();
  const started = performance.now();
  const stopAt = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < stopAt) {
      const request = options.next();
      if (request === undefined) return;
      tally.sent += 1;
      const sentAt = performance.now();
      tally.add(await send(agent, url, request, options.expectStatus, timeoutMs, sentAt));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, () => worker()));
    return tally.result(performance.now() - started);
  } finally {
    agent.destroy();
  }
}

/** Latency at a fixed rate: one request every 1000/`rate` ms for `durationMs`, sent without waiting for answers. */
export async function openLoop(options: OpenLoopOptions): Promise<LoadResult> {
  const url = assertLoopback(options.origin);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxInFlight = options.maxInFlight ?? 1000;
  // No socket limit: a request never queues inside the agent behind a slow one; idle sockets are reused.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const tally = new Tally();
  const total = Math.floor((options.rate * options.durationMs) / 1000);
  const intervalMs = 1000 / options.rate;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  try {
    for (let index = 0; index < total; index++) {
      const scheduledAt = started + index * intervalMs;
      const wait = scheduledAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const request = options.next();
      if (request === undefined) break;
      tally.sent += 1;
      if (inFlight.size >= maxInFlight) {
        tally.error('not sent (too many in flight)');
        continue;
      }
      const pending: Promise<void> = send(agent, url, request, options.expectStatus, timeoutMs, scheduledAt).then(
        (outcome) => {
          tally.add(outcome);
          inFlight.delete(pending);
        },
      );
      inFlight.add(pending);
    }
    // Every request has its own timeout, so this ends within timeoutMs of the last send.
    await Promise.all(inFlight);
    return tally.result(performance.now() - started);
  } finally {
    agent.destroy();
  }
}

/** "429×3, timeout×1", or "" when there were none. */
export function describeErrors(kinds: ReadonlyMap<string, number>): string {
  return [...kinds].map(([label, count]) => `${label}×${count}`).join(', ');
}
