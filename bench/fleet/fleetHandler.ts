/**
 * One instance of a backend fleet for figure 8, in its own process (forked through
 * `forkLoadServer` with this script): `createPlayAuthHandler` on node:http in front of the
 * emulator, with the store and the per-viewer limit given as JSON in argv[3]. Sends `{ ready }`
 * and answers `{ id, cmd: 'close' }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlayAuthHandler, createVodClient, toNodeHandler } from '@playauth/server';
import { createMemoryRateLimiter } from '@playauth/server/rate-limit';
import { createRedisPlayAuthStore, createRedisRateLimiter } from '@playauth/server/redis';
import { Redis } from 'ioredis';
import type { EmulatorInfo } from '../servers/loadServer';
import { accountQuotaFetch } from './accountQuotaFetch';

/** How one instance is set up. */
export interface FleetInstanceConfig {
  store: 'memory' | 'redis';
  /** Per-viewer limit (requests per window), or none. */
  limit?: { points: number; durationS: number; backend: 'memory' | 'redis' };
  redisUrl?: string;
  /** The account's GetVideoPlayAuth quota as this instance sees it, calls/s. Default none. */
  quotaPerS?: number;
}

const [, emulatorJson, configJson] = process.argv.slice(2);
const emulator = JSON.parse(emulatorJson ?? '{}') as EmulatorInfo;
const config = JSON.parse(configJson ?? '{}') as FleetInstanceConfig;

const redis =
  config.redisUrl === undefined
    ? undefined
    : new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
redis?.on('error', () => undefined);
if (redis) await new Promise<void>((resolve) => redis.once('ready', () => resolve()));

const client = createVodClient({
  accessKeyId: emulator.accessKeyId,
  accessKeySecret: emulator.accessKeySecret,
  endpoint: emulator.url,
  fetch: config.quotaPerS ? accountQuotaFetch(config.quotaPerS) : undefined,
});
const limiter =
  config.limit === undefined
    ? undefined
    : config.limit.backend === 'redis' && redis
      ? createRedisRateLimiter({ redis, ...config.limit })
      : createMemoryRateLimiter(config.limit);
const handler = createPlayAuthHandler({
  client,
  authorize: () => true,
  onError: () => {},
  store: config.store === 'redis' && redis ? createRedisPlayAuthStore({ redis }) : undefined,
  // Viewers are told apart by a header the load generator sets (all of them share 127.0.0.1).
  rateLimit: limiter && { limiter, key: (request) => request.headers.get('x-viewer') ?? 'anon' },
});
const node = toNodeHandler(handler);
const server = createServer((req, res) => void node(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
process.on('message', async (message: { id: number; cmd: string }) => {
  if (message.cmd !== 'close') return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  redis?.disconnect();
  process.send?.({ id: message.id, value: null });
  process.disconnect?.();
});
process.send?.({ ready: { endpoint: `http://127.0.0.1:${port}/play-auth` } });
