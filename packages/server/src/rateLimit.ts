/** `@playauth/server/rate-limit`: per-viewer limits in one process's memory (rate-limiter-flexible). */
export { createMemoryRateLimiter, type RateLimiterOptions } from './createMemoryRateLimiter';
