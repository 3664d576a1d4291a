import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic, type PeriodicJob } from '#src/lib/periodic.ts';

/** A job whose runs end only when the test says so. */
function controlledJob() {
  const ends: Array<{ resolve: (value: number) => void; reject: (error: Error) => void }> = [];
  const run = vi.fn(
    () =>
      new Promise<number>((resolve, reject) => {
        ends.push({ resolve, reject });
      }),
  );
  return { run, ends };
}

describe('a periodic job', () => {
  let job: PeriodicJob<number> | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await job?.stop();
    job = undefined;
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('runs first after its first delay, then once every interval', async () => {
    const run = vi.fn(() => Promise.resolve(1));
    job = startPeriodic({ run, onFailure: () => undefined, intervalMs: 1000, firstRunDelayMs: 10 });
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('never starts a run while one is under way: ticks and runNow join it', async () => {
    const { run, ends } = controlledJob();
    job = startPeriodic({ run, onFailure: () => undefined, intervalMs: 1000, firstRunDelayMs: 10 });
    await vi.advanceTimersByTimeAsync(5000);
    const joined = job.runNow();
    expect(run).toHaveBeenCalledTimes(1);
    ends[0]?.resolve(7);
    expect(await joined).toBe(7);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
    ends[1]?.resolve(8);
  });

  it('runs no more once stopped, and stop waits for the run under way', async () => {
    const { run, ends } = controlledJob();
    job = startPeriodic({ run, onFailure: () => undefined, intervalMs: 1000, firstRunDelayMs: 10 });
    await vi.advanceTimersByTimeAsync(10);
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    ends[0]?.resolve(1);
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('tells of a failed run by the error’s description alone, and tries again at the next tick', async () => {
    const problems: string[] = [];
    const run = vi.fn().mockRejectedValueOnce(new Error('connection refused')).mockResolvedValue(1);
    job = startPeriodic({ run, onFailure: (problem) => problems.push(problem), intervalMs: 1000, firstRunDelayMs: 10 });
    await vi.advanceTimersByTimeAsync(10);
    expect(problems).toEqual(['connection refused']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not keep the process alive: both timers are unref’d', () => {
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const intervals = vi.spyOn(globalThis, 'setInterval');
    job = startPeriodic({ run: () => Promise.resolve(1), onFailure: () => undefined, intervalMs: 1000 });
    const timers = [...timeouts.mock.results, ...intervals.mock.results].map(
      (result) => result.value as NodeJS.Timeout,
    );
    expect(timers).toHaveLength(2);
    expect(timers.map((timer) => timer.hasRef())).toEqual([false, false]);
  });
});
