import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RedisServerProcess, startRedisServer } from '../../../../dev/startRedisServer';
import { createPlayAuthHandler } from '../createPlayAuthHandler';
import {
  createRedisPlayAuthStore,
  type RedisPlayAuthStoreOptions,
} from '../createRedisPlayAuthStore';
import type { PlayAuthStore } from '../PlayAuthStore';
import { CREDS, clientFor, fakeUpstream, type UpstreamReply, vodError } from './support';

let server: RedisServerProcess;
const clients: Redis[] = [];

function connect(url = server.url): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => 50,
  });
  redis.on('error', () => undefined);
  clients.push(redis);
  return redis;
}

async function ready(redis: Redis): Promise<void> {
  await vi.waitFor(() => expect(redis.status).toBe('ready'), { timeout: 5000, interval: 20 });
}

/** Instances of the backend: each its own handler, ioredis client and store, one fake VOD. */
function fleet(
  size: number,
  reply: (index: number) => UpstreamReply | Promise<UpstreamReply> = () => ({}),
  storeOptions: Partial<RedisPlayAuthStoreOptions> = {},
) {
  const upstream = fakeUpstream((_, index) => reply(index));
  const log = vi.fn<(message: string) => void>();
  const instances = Array.from({ length: size }, () => {
    const redis = connect();
    const store: PlayAuthStore = createRedisPlayAuthStore({ redis, log, ...storeOptions });
    const handler = createPlayAuthHandler({
      client: clientFor(upstream.fetch, { maxRetries: 0, timeoutMs: 2000 }),
      authorize: () => true,
      onError: () => undefined,
      store,
    });
    return { redis, handler };
  });
  const get = async (instance: number, videoId = 'v1', validity = 100) => {
    const response = await (instances[instance % size] as (typeof instances)[number]).handler(
      new Request(`https://app.example/play-auth?VideoId=${videoId}&AuthInfoTimeout=${validity}`),
    );
    return { status: response.status, body: await response.json() };
  };
  return { instances, get, calls: upstream.calls, log };
}

const later = (ms: number, reply: UpstreamReply = {}) =>
  new Promise<UpstreamReply>((resolve) => setTimeout(() => resolve(reply), ms));

beforeAll(async () => {
  server = await startRedisServer();
});

afterEach(async () => {
  server.resume();
  for (const redis of clients.splice(0)) redis.disconnect();
  const admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  await admin.flushall().catch(() => undefined);
  admin.disconnect();
});

afterAll(async () => {
  await server?.stop();
});

describe('createRedisPlayAuthStore against a real redis-server', () => {
  it('makes one VOD call for concurrent requests spread over several instances', async () => {
    const { instances, get, calls } = fleet(4, () => later(150));
    await Promise.all(instances.map(({ redis }) => ready(redis)));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => get(i)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.PlayAuth)).size).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('reuses an answer on another instance within the window, with the validity left', async () => {
    let t = 1_000_000;
    const { instances, get, calls } = fleet(2, () => ({}), { now: () => t });
    await Promise.all(instances.map(({ redis }) => ready(redis)));
    expect((await get(0, 'v1', 1000)).body.AuthInfoTimeout).toBe(1000);
    t += 5000;
    const second = await get(1, 'v1', 1000);
    expect(second.body.AuthInfoTimeout).toBe(995);
    expect(calls).toHaveLength(1);
    t += 10_000; // past the window (10 s)
    await get(1, 'v1', 1000);
    expect(calls).toHaveLength(2);
  });

  it('never shares a failure: a waiting instance calls VOD itself', async () => {
    const { instances, get, calls } = fleet(2, (i) =>
      i === 0 ? later(150, vodError('InvalidVideo.NotFound', 404)) : {},
    );
    await Promise.all(instances.map(({ redis }) => ready(redis)));
    const first = get(0);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = await get(1);
    expect((await first).status).toBe(404);
    expect(second.status).toBe(200);
    expect(calls).toHaveLength(2);
    const keys = await (instances[0] as { redis: Redis }).redis.keys('*');
    expect(keys.filter((k) => k.endsWith(':answer'))).toHaveLength(1);
  });

  it('takes over when the instance holding the lock died', async () => {
    const { instances, get, calls } = fleet(1, () => ({}), { lockMs: 300, waitMs: 5000 });
    const { redis } = instances[0] as { redis: Redis };
    await ready(redis);
    // A dead instance's lock: nobody will ever write its answer.
    await redis.set('playauth:v1:100:lock', 'dead-instance', 'PX', 300);
    const started = Date.now();
    const answer = await get(0);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(calls).toHaveLength(1);
  });

  it('namespaces its keys, expires them with the window, and stores no credential', async () => {
    const { instances, get } = fleet(1, () => ({}), { prefix: 'tenant-a:' });
    const { redis } = instances[0] as { redis: Redis };
    await ready(redis);
    await get(0, 'v1', 100);
    // The lock is released just after the answer is written.
    await vi.waitFor(async () => expect(await redis.keys('*')).toEqual(['tenant-a:v1:100:answer']));
    const ttl = await redis.pttl('tenant-a:v1:100:answer');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
    const value = (await redis.get('tenant-a:v1:100:answer')) ?? '';
    for (const secret of Object.values(CREDS)) expect(value).not.toContain(secret);
    expect(Object.keys(JSON.parse(value).body).sort()).toEqual([
      'PlayAuth',
      'RequestId',
      'VideoMeta',
    ]);
  });
});

describe('createRedisPlayAuthStore when Redis fails', () => {
  it('answers while Redis is down from the start, logging once', async () => {
    const dead = await startRedisServer();
    await dead.stop();
    const upstream = fakeUpstream(() => ({}));
    const log = vi.fn<(message: string) => void>();
    const handler = createPlayAuthHandler({
      client: clientFor(upstream.fetch),
      authorize: () => true,
      store: createRedisPlayAuthStore({ redis: connect(dead.url), log, retryMs: 10 }),
    });
    for (let i = 0; i < 5; i++) {
      const response = await handler(new Request(`https://app.example/?VideoId=v${i}`));
      expect(response.status).toBe(200);
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/Redis store unavailable/);
  });

  it('keeps answering when Redis stops mid-run, and shares again once it is back', async () => {
    const { instances, get, calls, log } = fleet(2, () => later(100), { retryMs: 50 });
    await Promise.all(instances.map(({ redis }) => ready(redis)));
    await get(0, 'before');
    await server.stop();
    const during = await Promise.all([get(0, 'down'), get(1, 'down'), get(0, 'down2')]);
    expect(during.map((a) => a.status)).toEqual([200, 200, 200]);
    // Once per instance.
    expect(log).toHaveBeenCalledTimes(2);
    await server.restart();
    await Promise.all(instances.map(({ redis }) => ready(redis)));
    await new Promise((r) => setTimeout(r, 60));
    calls.length = 0;
    const after = await Promise.all([get(0, 'after'), get(1, 'after'), get(0, 'after')]);
    expect(after.every((a) => a.status === 200)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(log.mock.calls.map(([m]) => m.includes('back'))).toEqual([false, false, true, true]);
  });

  it('answers in bounded time while Redis hangs (SIGSTOP), logging once', async () => {
    const { instances, get, log } = fleet(1, () => ({}), { commandTimeoutMs: 100 });
    await ready((instances[0] as { redis: Redis }).redis);
    server.pause();
    const started = Date.now();
    const answers = await Promise.all([get(0, 'a'), get(0, 'b'), get(0, 'c')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(log).toHaveBeenCalledTimes(1);
    server.resume();
  });

  it('survives FLUSHALL while a call is in flight', async () => {
    const { instances, get, calls } = fleet(2, () => later(200));
    await Promise.all(instances.map(({ redis }) => ready(redis)));
    const first = get(0);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = get(1);
    await new Promise((r) => setTimeout(r, 50));
    await (instances[0] as { redis: Redis }).redis.flushall();
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  it('refuses a setup without an ioredis client or with bad durations', () => {
    expect(() => createRedisPlayAuthStore({} as RedisPlayAuthStoreOptions)).toThrow(/ioredis/);
    const redis = connect();
    expect(() => createRedisPlayAuthStore({ redis, lockMs: 0 })).toThrow(/lockMs/);
    expect(() => createRedisPlayAuthStore({ redis, reuseMs: -1 })).toThrow(/reuseMs/);
  });
});
