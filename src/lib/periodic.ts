/**
 * A job this process runs on a timer (retention daily, the escalation digest hourly): a first run shortly after start,
 * then one every interval. Runs never overlap: a tick or a `runNow()` while a run is under way joins that run. The
 * timers are unref'd, so they never keep the process alive; a failed run goes to `onFailure` with the error's one-line
 * description (never the job's data), which the caller logs under its own event name, written out at the call so
 * dashboards and alerts can find it; the next tick tries again.
 */
import { describeError } from './describe-error.ts';

/** A started periodic job. */
export interface PeriodicJob<T> {
  /** Runs the job now, or joins the run under way. */
  runNow(): Promise<T>;
  /** Stops the timers, then waits for a run under way to end (its failure is already logged). */
  stop(): Promise<void>;
}

export interface PeriodicOptions<T> {
  /** One run of the job; its result is what `runNow()` resolves to. */
  run: () => Promise<T>;
  /** Told of a failed run, by the error's one-line description: e.g. logs `retention.failed`. */
  onFailure: (problem: string) => void;
  intervalMs: number;
  /** Delay of the first run after start; default one minute (the start itself stays fast). */
  firstRunDelayMs?: number | undefined;
}

/** Starts `options.run` on its timers; see the module comment. */
export function startPeriodic<T>(options: PeriodicOptions<T>): PeriodicJob<T> {
  let running: Promise<T> | undefined;
  let stopped = false;
  const runNow = (): Promise<T> => {
    running ??= options.run().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    runNow().catch((error: unknown) => options.onFailure(describeError(error)));
  };
  const first = setTimeout(tick, options.firstRunDelayMs ?? 60_000);
  first.unref();
  const every = setInterval(tick, options.intervalMs);
  every.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running?.catch(() => undefined);
    },
  };
}
