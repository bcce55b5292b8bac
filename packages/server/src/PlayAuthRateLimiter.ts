/** The verdict of a {@link PlayAuthRateLimiter} on one request. */
export interface RateLimitVerdict {
  /** Whether the request may go on. */
  allowed: boolean;
  /** When refused: milliseconds until the viewer may try again. */
  retryAfterMs: number;
}

/**
 * Counts requests per viewer for `createPlayAuthHandler`'s `rateLimit` option. Made by
 * `createMemoryRateLimiter` (`@playauth/server/rate-limit`, one process) or
 * `createRedisRateLimiter` (`@playauth/server/redis`, a whole fleet), both on
 * rate-limiter-flexible; any object with this method works.
 */
export interface PlayAuthRateLimiter {
  /** Counts one request of `key` and says whether it is within the limit. */
  consume(key: string): Promise<RateLimitVerdict>;
}

/** The `rateLimit` option of `createPlayAuthHandler`. */
export interface PlayAuthRateLimitOptions {
  /** The limiter, e.g. `createMemoryRateLimiter({ points: 20, durationS: 10 })`. */
  limiter: PlayAuthRateLimiter;
  /**
   * Who a request is from. Default: `clientAddress(request)`, the socket address `toNodeHandler`
   * recorded (or the `X-Forwarded-For` hop before your trusted proxies, with `trustedProxies`).
   * On runtimes where the handler never sees the socket (Next.js, workers), pass one: a user id
   * from the session, or the platform's client IP header.
   */
  key?: (request: Request) => string | Promise<string>;
  /**
   * Proxies in front of this server, as exact addresses: the default key then walks
   * `X-Forwarded-For` from the right past them. Default none (the header is ignored).
   */
  trustedProxies?: readonly string[];
}
