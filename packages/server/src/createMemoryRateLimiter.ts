import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { PlayAuthRateLimiter, RateLimitVerdict } from './PlayAuthRateLimiter';
import { VodApiError } from './VodApiError';

/** Options of {@link createMemoryRateLimiter} and `createRedisRateLimiter`. */
export interface RateLimiterOptions {
  /** Requests a viewer may make per window. Default `30`. */
  points?: number;
  /** The window, seconds. Default `10`. */
  durationS?: number;
}

/** `points` and `durationS`, checked, with their defaults. */
export function rateLimiterOptions(
  factory: string,
  options: RateLimiterOptions = {},
): { points: number; duration: number } {
  const { points = 30, durationS = 10 } = options;
  if (
    !(Number.isInteger(points) && points > 0) ||
    !(Number.isInteger(durationS) && durationS > 0)
  ) {
    throw new VodApiError(
      'InvalidConfiguration',
      `${factory}: points and durationS must be whole numbers > 0, e.g. { points: 30, durationS: 10 }`,
    );
  }
  return { points, duration: durationS };
}

/** Turns rate-limiter-flexible's consume outcome into a {@link RateLimitVerdict}. */
export async function verdictOf(consumed: Promise<unknown>): Promise<RateLimitVerdict> {
  try {
    await consumed;
    return { allowed: true, retryAfterMs: 0 };
  } catch (outcome) {
    // Over the limit, rate-limiter-flexible rejects with a RateLimiterRes; anything else is a fault.
    if (outcome instanceof RateLimiterRes)
      return { allowed: false, retryAfterMs: outcome.msBeforeNext };
    throw outcome;
  }
}

/**
 * A per-viewer limit in this process's memory, for `createPlayAuthHandler({ rateLimit })`: each
 * key may make `points` requests per `durationS` seconds (fixed window), on
 * rate-limiter-flexible's `RateLimiterMemory`. With several instances each counts alone; use
 * `createRedisRateLimiter` to count across them.
 *
 * @param options - `points` (default 30) per `durationS` (default 10).
 * @throws {@link VodApiError} `InvalidConfiguration` for non-positive or fractional values.
 * @example
 * ```ts
 * import { createMemoryRateLimiter } from '@playauth/server/rate-limit';
 *
 * createPlayAuthHandler({ client, authorize, rateLimit: { limiter: createMemoryRateLimiter() } });
 * ```
 */
export function createMemoryRateLimiter(options: RateLimiterOptions = {}): PlayAuthRateLimiter {
  const limiter = new RateLimiterMemory(rateLimiterOptions('createMemoryRateLimiter', options));
  return { consume: (key) => verdictOf(limiter.consume(key)) };
}
