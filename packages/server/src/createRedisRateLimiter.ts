import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import {
  createMemoryRateLimiter,
  type RateLimiterOptions,
  rateLimiterOptions,
  verdictOf,
} from './createMemoryRateLimiter';
import type { PlayAuthRateLimiter } from './PlayAuthRateLimiter';
import { VodApiError } from './VodApiError';
import { withDeadline } from './withDeadline';

/** Options of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions extends RateLimiterOptions {
  /** An ioredis client, e.g. the one given to `createRedisPlayAuthStore`. */
  redis: Redis;
  /** Namespace of the counters. Default `'playauth:limit'`. */
  prefix?: string;
  /** A count slower than this falls back to the in-memory count, ms. Default `500`. */
  commandTimeoutMs?: number;
}

/**
 * A per-viewer limit counted in Redis, so a viewer spreading requests over every instance of a
 * fleet is limited once (rate-limiter-flexible's `RateLimiterRedis`, atomic). While Redis is
 * down or slower than `commandTimeoutMs`, each instance counts in its own memory (the same
 * limit per instance), so limiting goes on.
 *
 * @param options - The ioredis client, `points` (default 30) per `durationS` (default 10).
 * @throws {@link VodApiError} `InvalidConfiguration` for a missing client or bad numbers.
 * @example
 * ```ts
 * import { createRedisRateLimiter } from '@playauth/server/redis';
 *
 * createPlayAuthHandler({ client, authorize, rateLimit: { limiter: createRedisRateLimiter({ redis }) } });
 * ```
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): PlayAuthRateLimiter {
  const { redis, prefix = 'playauth:limit', commandTimeoutMs = 500 } = options ?? {};
  if (typeof redis?.set !== 'function') {
    throw new VodApiError(
      'InvalidConfiguration',
      'createRedisRateLimiter: `redis` must be an ioredis client',
    );
  }
  const limits = rateLimiterOptions('createRedisRateLimiter', options);
  const shared = new RateLimiterRedis({
    ...limits,
    storeClient: redis,
    keyPrefix: prefix,
    rejectIfRedisNotReady: true,
  });
  const insurance = createMemoryRateLimiter({ points: limits.points, durationS: limits.duration });
  return {
    async consume(key) {
      try {
        return await withDeadline(
          verdictOf(shared.consume(key)),
          commandTimeoutMs,
          () => new Error(`Redis did not count within ${commandTimeoutMs} ms`),
        );
      } catch {
        return insurance.consume(key);
      }
    },
  };
}
