/**
 * The per-point cap on new cases per hour (the anti-abuse `pointCases` limiter, keyed by the point's id; 30 an hour).
 * It stops no one who is within their address's limit — a point getting many requests for help is told, not shut —
 * but it closes the one path around the address limit: a request let through by a harder proof of work
 * (gate.server.ts, `beyondLimit`) is refused for a point over its cap. Going over the cap tells the operator: the log
 * event `intake.point-cap-exceeded` (at the first case over the cap in an hour, with the point's id, which is public) and the metric
 * `hotro_rate_limit_refusals_total{limiter="pointCases"}` (one per case over the cap).
 */
import type { ClientKey } from '#src/features/anti-abuse/client-key.server.ts';
import type { RateLimits } from '#src/features/anti-abuse/rate-limits.server.ts';
import { log } from '#src/lib/log.ts';

// A point's id stands where a client's key usually does: the limiter only needs an opaque, stable key.
const keyOf = (pointId: string) => `point:${pointId}` as ClientKey;

/** Whether `pointId` may take one more case let through beyond its sender's address limit; else seconds to wait. */
export async function pointTakesMore(
  limits: RateLimits,
  pointId: string,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const standing = await limits.standing('pointCases', keyOf(pointId));
  return standing.excess > 0 ? { ok: false, retryAfterSeconds: standing.retryAfterSeconds } : { ok: true };
}

/** Counts a case written for `pointId`; the first case over the cap in its hour tells the operator. */
export async function countPointCase(limits: RateLimits, pointId: string): Promise<void> {
  const counted = await limits.consume('pointCases', keyOf(pointId));
  // With Redis every instance counts together, so one of them sees the first case over; without it, each instance.
  if (!counted.ok && counted.excess === 1)
    log.warn('intake.point-cap-exceeded', {
      point: pointId,
      note: 'more new cases for this point in an hour than its cap; requests past their address limit are refused for it',
    });
}
