import { PlayAuthError } from '@playauth/core';
import {
  dehydrate,
  HydrationBoundary,
  hydrate,
  QueryClient,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { playAuthQueryOptions } from '../playAuthQueryOptions';
import { usePlayAuth } from '../usePlayAuth';
import { createPlayAuthBackend, credentialFor, ENDPOINT } from './playAuthBackend';

const backend = createPlayAuthBackend();
beforeAll(() => backend.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  backend.reset();
  vi.restoreAllMocks();
});
afterAll(() => backend.server.close());

const withClient =
  (client: QueryClient) =>
  ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );

describe('options', () => {
  test("key: ['playauth', endpoint, videoId, clamped authInfoTimeout]", () => {
    expect(playAuthQueryOptions('v1').queryKey).toEqual(['playauth', '/api/play-auth', 'v1', 100]);
    expect(
      playAuthQueryOptions('v1', { endpoint: ENDPOINT, authInfoTimeout: 5000 }).queryKey,
    ).toEqual(['playauth', ENDPOINT, 'v1', 3000]);
    expect(playAuthQueryOptions('v1', { authInfoTimeout: 12.9 }).queryKey[3]).toBe(100);
    const fetcher = async () => credentialFor('v1');
    expect(playAuthQueryOptions('v1', { endpoint: ENDPOINT, fetcher }).queryKey).toEqual([
      'playauth',
      'custom',
      'v1',
      100,
    ]);
  });

  test('retries only retryable PlayAuthErrors, at most 3 times', () => {
    const { retry } = playAuthQueryOptions('v1');
    if (typeof retry !== 'function') throw new Error('retry must be a function');
    const retryable = new PlayAuthError('Http503', 'x', { status: 503, retryable: true });
    const final = new PlayAuthError('InvalidVideo.NotFound', 'x', { status: 404 });
    expect([0, 1, 2, 3].map((n) => retry(n, retryable))).toEqual([true, true, true, false]);
    expect(retry(0, final)).toBe(false);
    expect(retry(0, new TypeError('bug') as unknown as PlayAuthError)).toBe(false);
  });

  test('retryDelay grows exponentially with jitter, capped at 30 s', () => {
    const { retryDelay } = playAuthQueryOptions('v1');
    if (typeof retryDelay !== 'function') throw new Error('retryDelay must be a function');
    const error = new PlayAuthError('Http503', 'x', { retryable: true });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([0, 1, 2, 10].map((n) => retryDelay(n, error))).toEqual([500, 1000, 2000, 15_000]);
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    expect(retryDelay(0, error)).toBeCloseTo(1000, 0);
    expect(retryDelay(10, error)).toBeCloseTo(30_000, 0);
  });

  test('stale from the refresh point on, gcTime covers the whole validity', () => {
    const client = new QueryClient();
    const options = playAuthQueryOptions('v1', { endpoint: ENDPOINT, authInfoTimeout: 600 });
    const now = Date.now();
    client.setQueryData(options.queryKey, credentialFor('v1', 600, now), { updatedAt: now });
    const query = client.getQueryCache().find({ queryKey: options.queryKey });
    if (!query || typeof options.staleTime !== 'function') throw new Error('setup');
    // Fresh for 600 s - 10% from dataUpdatedAt.
    expect(options.staleTime(query as never)).toBe(540_000);
    expect(options.gcTime).toBe(600_000);
  });
});

describe('with TanStack Query APIs', () => {
  test('useQuery(playAuthQueryOptions(...)) fetches the credential', async () => {
    const client = new QueryClient();
    const { result } = renderHook(
      () => useQuery(playAuthQueryOptions('v1', { endpoint: ENDPOINT })),
      { wrapper: withClient(client) },
    );
    await waitFor(() => expect(result.current.data?.playAuth).toBe('auth-v1-1'));
  });

  test('prefetchQuery fills the cache; the hook then renders it without a request', async () => {
    const client = new QueryClient();
    await client.prefetchQuery(playAuthQueryOptions('v1', { endpoint: ENDPOINT }));
    expect(backend.count()).toBe(1);
    const { result } = renderHook(() => usePlayAuth('v1', { endpoint: ENDPOINT }), {
      wrapper: withClient(client),
    });
    expect(result.current.data?.playAuth).toBe('auth-v1-1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(backend.count()).toBe(1);
  });

  test('ensureQueryData fetches once, then serves the fresh cache', async () => {
    const client = new QueryClient();
    const options = playAuthQueryOptions('v1', { endpoint: ENDPOINT });
    const first = await client.ensureQueryData(options);
    await expect(client.ensureQueryData(options)).resolves.toBe(first);
    expect(backend.count()).toBe(1);
    expect(client.getQueryData(options.queryKey)?.playAuth).toBe('auth-v1-1');
  });

  test('dehydrate on one client, hydrate on another: rendered without a request', async () => {
    const server = new QueryClient();
    await server.prefetchQuery(playAuthQueryOptions('v1', { endpoint: ENDPOINT }));
    const state = JSON.parse(JSON.stringify(dehydrate(server)));
    const browser = new QueryClient();
    hydrate(browser, state);
    const { result } = renderHook(() => usePlayAuth('v1', { endpoint: ENDPOINT }), {
      wrapper: withClient(browser),
    });
    expect(result.current.data?.playAuth).toBe('auth-v1-1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(backend.count()).toBe(1);
  });

  test('HydrationBoundary with an already expired dehydrated credential fetches a new one', async () => {
    const server = new QueryClient();
    const options = playAuthQueryOptions('v1', { endpoint: ENDPOINT });
    const old = Date.now() - 500_000;
    server.setQueryData(options.queryKey, credentialFor('v1', 100, old), { updatedAt: old });
    const state = dehydrate(server);
    const browser = new QueryClient();
    const { result } = renderHook(() => usePlayAuth('v1', { endpoint: ENDPOINT }), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={browser}>
          <HydrationBoundary state={state}>{children}</HydrationBoundary>
        </QueryClientProvider>
      ),
    });
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.data?.playAuth).toBe('auth-v1-1'));
    expect(backend.count()).toBe(1);
  });
});
