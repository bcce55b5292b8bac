import { definePackageBuild } from '../../scripts/definePackageBuild';

// The Redis and rate-limit entries are their own modules, so the main entry never loads
// rate-limiter-flexible or ioredis (it must run on edge runtimes).
export default definePackageBuild({
  entries: ['src/index.ts', 'src/redis.ts', 'src/rateLimit.ts'],
});
