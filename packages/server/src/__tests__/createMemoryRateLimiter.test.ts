import { describe, expect, it, vi } from 'vitest';
import { clientAddress, setClientAddress } from '../clientAddress';
import { createMemoryRateLimiter } from '../createMemoryRateLimiter';
import { createPlayAuthHandler } from '../createPlayAuthHandler';
import { createVodClient } from '../createVodClient';
import type { PlayAuthRateLimitOptions } from '../PlayAuthRateLimiter';
import { CREDS, clientFor, fakeUpstream } from './support';

function setup(rateLimit: PlayAuthRateLimitOptions) {
  const upstream = fakeUpstream(() => ({}));
  const onError = vi.fn();
  const handler = createPlayAuthHandler({
    client: clientFor(upstream.fetch),
    authorize: () => true,
    coalesce: false,
    onError,
    rateLimit,
  });
  const from = (address: string, headers: Record<string, string> = {}) => {
    const request = new Request('https://app.example/play-auth?VideoId=v1', { headers });
    setClientAddress(request, address);
    return handler(request);
  };
  return { from, calls: upstream.calls, onError };
}

describe('rateLimit with createMemoryRateLimiter', () => {
  it('answers 429 Throttling.User with Retry-After over the limit, without calling VOD', async () => {
    const { from, calls } = setup({
      limiter: createMemoryRateLimiter({ points: 3, durationS: 7 }),
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await from('203.0.113.9')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(calls).toHaveLength(3);
    const refused = await from('203.0.113.9');
    expect(await refused.json()).toMatchObject({ Code: 'Throttling.User' });
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(7);
  });

  it('leaves other viewers unaffected', async () => {
    const { from, calls } = setup({ limiter: createMemoryRateLimiter({ points: 2 }) });
    for (let i = 0; i < 10; i++) await from('203.0.113.9');
    expect((await from('198.51.100.7')).status).toBe(200);
    expect(calls).toHaveLength(3);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const spoofed = setup({ limiter: createMemoryRateLimiter({ points: 1 }) });
    const xff = (ip: string) => ({ 'x-forwarded-for': ip });
    expect((await spoofed.from('203.0.113.9', xff('1.1.1.1'))).status).toBe(200);
    expect((await spoofed.from('203.0.113.9', xff('2.2.2.2'))).status).toBe(429);

    const proxied = setup({
      limiter: createMemoryRateLimiter({ points: 1 }),
      trustedProxies: ['10.0.0.2'],
    });
    expect((await proxied.from('10.0.0.2', xff('1.1.1.1'))).status).toBe(200);
    expect((await proxied.from('10.0.0.2', xff('2.2.2.2'))).status).toBe(200);
    expect((await proxied.from('10.0.0.2', xff('2.2.2.2, 10.0.0.2'))).status).toBe(429);
  });

  it('uses a custom key', async () => {
    const { from } = setup({
      limiter: createMemoryRateLimiter({ points: 1 }),
      key: (request) => request.headers.get('x-user') ?? 'anonymous',
    });
    expect((await from('1.1.1.1', { 'x-user': 'ann' })).status).toBe(200);
    expect((await from('2.2.2.2', { 'x-user': 'ann' })).status).toBe(429);
    expect((await from('2.2.2.2', { 'x-user': 'bob' })).status).toBe(200);
  });

  it('lets requests through, and reports, when the limiter fails', async () => {
    const { from, onError } = setup({
      limiter: { consume: () => Promise.reject(new Error('store down')) },
    });
    expect((await from('1.1.1.1')).status).toBe(200);
    expect(onError).toHaveBeenCalledWith(
      expect.any(Error),
      expect.objectContaining({ code: 'RateLimiterError' }),
    );
  });

  it('refuses bad settings', () => {
    expect(() => createMemoryRateLimiter({ points: 0 })).toThrow(/points and durationS/);
    expect(() => createMemoryRateLimiter({ durationS: 1.5 })).toThrow(/points and durationS/);
    expect(() =>
      createPlayAuthHandler({
        client: createVodClient(CREDS),
        authorize: () => true,
        rateLimit: { limiter: {} as never },
      }),
    ).toThrow(/rateLimit.limiter/);
  });
});

describe('clientAddress', () => {
  it('is undefined for a request that did not come through toNodeHandler', () => {
    expect(clientAddress(new Request('https://app.example/'))).toBeUndefined();
  });

  it('strips the IPv4-mapped prefix', () => {
    const request = new Request('https://app.example/');
    setClientAddress(request, '::ffff:203.0.113.9');
    expect(clientAddress(request)).toBe('203.0.113.9');
  });
});
