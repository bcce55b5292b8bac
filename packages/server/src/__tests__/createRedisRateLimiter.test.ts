import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RedisServerProcess, startRedisServer } from '../../../../dev/startRedisServer';
import { createRedisRateLimiter } from '../createRedisRateLimiter';

let server: RedisServerProcess;
const clients: Redis[] = [];

function connect(): Redis {
  const redis = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  clients.push(redis);
  return redis;
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  for (const redis of clients) redis.disconnect();
  await server?.stop();
});

describe('createRedisRateLimiter against a real redis-server', () => {
  it('counts one viewer across instances', async () => {
    const a = connect();
    const b = connect();
    await vi.waitFor(() => expect([a.status, b.status]).toEqual(['ready', 'ready']));
    const limiters = [
      createRedisRateLimiter({ redis: a, points: 4 }),
      createRedisRateLimiter({ redis: b, points: 4 }),
    ];
    const verdicts = [];
    for (let i = 0; i < 6; i++)
      verdicts.push((await limiters[i % 2]?.consume('viewer-1'))?.allowed);
    expect(verdicts).toEqual([true, true, true, true, false, false]);
    expect((await limiters[1]?.consume('viewer-2'))?.allowed).toBe(true);
    expect(await a.keys('*')).toEqual(expect.arrayContaining(['playauth:limit:viewer-1']));
  });

  it('keeps limiting in memory while Redis hangs', async () => {
    const redis = connect();
    await vi.waitFor(() => expect(redis.status).toBe('ready'));
    const limiter = createRedisRateLimiter({ redis, points: 2, commandTimeoutMs: 50 });
    server.pause();
    try {
      const verdicts = [];
      for (let i = 0; i < 3; i++) verdicts.push((await limiter.consume('viewer-3')).allowed);
      expect(verdicts).toEqual([true, true, false]);
    } finally {
      server.resume();
    }
  });

  it('refuses a setup without a client', () => {
    expect(() => createRedisRateLimiter({} as never)).toThrow(/ioredis/);
  });
});
