import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GetVideoPlayAuthResponse } from '@playauth/core';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CreateVodClientOptions,
  createPlayAuthHandler,
  createVodClient,
  fromEnv,
  type PlayAuthStore,
  type RateLimitVerdict,
  signAcs3,
  toNodeHandler,
  type VodApiError,
} from '../index';
import { createMemoryRateLimiter } from '../rateLimit';
import { createRedisPlayAuthStore, createRedisRateLimiter } from '../redis';

describe('@playauth/server types', () => {
  it('returns the typed GetVideoPlayAuth body', () => {
    const vod = createVodClient(fromEnv());
    expectTypeOf(
      vod.getVideoPlayAuth({ videoId: 'v' }),
    ).resolves.toEqualTypeOf<GetVideoPlayAuthResponse>();
    expectTypeOf(fromEnv()).toEqualTypeOf<CreateVodClientOptions>();
    expectTypeOf<VodApiError['retryable']>().toEqualTypeOf<boolean>();
    expectTypeOf(signAcs3).returns.resolves.toEqualTypeOf<Record<string, string>>();
  });

  it('accepts credentials as an object or an async provider, not a bare string', () => {
    createVodClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
    createVodClient({
      credentials: async () => ({ accessKeyId: 'a', accessKeySecret: 'b', securityToken: 't' }),
    });
    // @ts-expect-error credentials are not a string
    createVodClient({ credentials: 'a:b' });
  });

  it('is a Web route handler, a node:http listener and Express middleware', () => {
    const handler = createPlayAuthHandler({
      client: createVodClient(fromEnv()),
      authorize: () => true,
    });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(toNodeHandler(handler)).toMatchTypeOf<
      (req: IncomingMessage, res: ServerResponse) => void
    >();
    expectTypeOf(toNodeHandler(handler)).toMatchTypeOf<RequestHandler>();
    // @ts-expect-error authorize is required
    createPlayAuthHandler({ client: createVodClient(fromEnv()) });
  });

  it('takes a store and a rate limit from the Redis and rate-limit entries', () => {
    const redis = {} as Redis;
    const store = createRedisPlayAuthStore({ redis });
    expectTypeOf(store).toMatchTypeOf<PlayAuthStore>();
    expectTypeOf(
      createMemoryRateLimiter().consume,
    ).returns.resolves.toEqualTypeOf<RateLimitVerdict>();
    createPlayAuthHandler({
      client: createVodClient(fromEnv()),
      authorize: () => true,
      store,
      rateLimit: { limiter: createRedisRateLimiter({ redis }), trustedProxies: ['10.0.0.2'] },
      deadlineMs: 10_000,
    });
    // @ts-expect-error the store needs an ioredis client
    createRedisPlayAuthStore({ redis: 'redis://localhost' });
  });
});
