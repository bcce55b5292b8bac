/**
 * `@playauth/server/redis`: what a fleet of backend instances shares through Redis (ioredis, an
 * optional peer dependency): the PlayAuth store and the per-viewer rate limit.
 */
export {
  createRedisPlayAuthStore,
  type RedisPlayAuthStoreOptions,
} from './createRedisPlayAuthStore';
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './createRedisRateLimiter';
