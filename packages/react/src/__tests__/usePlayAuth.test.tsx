import type { PlayAuthCredential } from '@playauth/core';
import { keepPreviousData, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';
import { type UsePlayAuthOptions, usePlayAuth } from '../usePlayAuth';
import { createPlayAuthBackend, credentialFor, ENDPOINT } from './playAuthBackend';

const backend = createPlayAuthBackend();
let client: QueryClient;

beforeAll(() => backend.server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  client = new QueryClient();
});
afterEach(() => {
  client.clear();
  backend.reset();
  vi.useRealTimers();
  Reflect.deleteProperty(document, 'visibilityState');
});
afterAll(() => backend.server.close());

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={client}>{children}</QueryClientProvider>
);
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const renderPlayAuth = (videoId: string | null | undefined, options: UsePlayAuthOptions = {}) =>
  renderHook(() => usePlayAuth(videoId, { endpoint: ENDPOINT, ...options }), { wrapper });
const loaded = async (result: { current: { data?: PlayAuthCredential } }) => {
  await waitFor(() => expect(result.current.data).toBeDefined());
  return result.current.data as PlayAuthCredential;
};

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
}

function Probe({ videoId }: { videoId: string }) {
  const { data } = usePlayAuth(videoId, { endpoint: ENDPOINT });
  return <li>{data?.playAuth ?? 'none'}</li>;
}
const PROBE_KEYS = Array.from({ length: 50 }, (_, i) => `probe-${i}`);
const probes = (n: number) => PROBE_KEYS.slice(0, n).map((key) => <Probe key={key} videoId="v1" />);

describe('fetching', () => {
  test('returns the credential with expiresAt and refreshAt', async () => {
    const { result } = renderPlayAuth('v1', { authInfoTimeout: 600 });
    const data = await loaded(result);
    expect(data).toMatchObject({ videoId: 'v1', playAuth: 'auth-v1-1' });
    expect(data.expiresAt - data.issuedAt).toBe(600_000);
    expect(result.current.expiresAt).toBe(data.expiresAt);
    expect(result.current.refreshAt).toBe(data.expiresAt - 60_000); // 10% of 600 s
    const url = new URL(backend.requests[0]?.url ?? '');
    expect(url.searchParams.get('VideoId')).toBe('v1');
    expect(url.searchParams.get('AuthInfoTimeout')).toBe('600');
  });

  test('50 observers of one key send one request', async () => {
    render(<QueryClientProvider client={client}>{probes(50)}</QueryClientProvider>);
    await waitFor(() => expect(screen.getAllByText('auth-v1-1')).toHaveLength(50));
    expect(backend.count()).toBe(1);
  });

  test('StrictMode sends one request, not aborted, with one or 50 observers', async () => {
    const tree = (n: number) => (
      <StrictMode>
        <QueryClientProvider client={client}>{probes(n)}</QueryClientProvider>
      </StrictMode>
    );
    const { unmount } = render(tree(1));
    await screen.findByText('auth-v1-1');
    expect(backend.count()).toBe(1);
    expect(backend.requests[0]?.signal.aborted).toBe(false);
    unmount();
    client.clear();
    backend.reset();
    render(tree(50));
    await waitFor(() => expect(screen.getAllByText('auth-v1-1')).toHaveLength(50));
    expect(backend.count()).toBe(1);
  });

  test('a malformed videoId fails with InvalidParameter and sends nothing', async () => {
    const { result } = renderPlayAuth('../etc/passwd');
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ name: 'PlayAuthError', code: 'InvalidParameter' });
    expect(backend.count()).toBe(0);
  });

  test.each([null, undefined])('videoId %s stays idle', async (videoId) => {
    const { result } = renderPlayAuth(videoId);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current).toMatchObject({ status: 'pending', fetchStatus: 'idle' });
    expect(backend.count()).toBe(0);
  });

  test('enabled: false stays idle', async () => {
    const { result } = renderPlayAuth('v1', { enabled: false });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current.fetchStatus).toBe('idle');
    expect(backend.count()).toBe(0);
  });
});

describe('errors and retries', () => {
  test.each([
    [503, 'ServiceUnavailable', 4],
    [429, 'Throttling.User', 4],
    [500, 'InternalError', 4],
    [404, 'InvalidVideo.NotFound', 1],
    [403, 'Forbidden.IllegalStatus', 1],
    [400, 'InvalidParameter', 1],
  ])('HTTP %i %s: %i request(s) in all', async (status, code, requests) => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply(() => ({ status, code }));
    const { result } = renderPlayAuth('v1');
    await advance(60_000); // far beyond 1 + 2 + 4 s of backoff
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(backend.count()).toBe(requests);
    expect(result.current.error).toMatchObject({ code, status, retryable: requests > 1 });
    expect(result.current.data).toBeUndefined();
  });

  test('HTTP 400 with a Throttling code is retried on its code alone', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply(() => ({ status: 400, code: 'Throttling.User' }));
    const { result } = renderPlayAuth('v1');
    await advance(60_000);
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(backend.count()).toBe(4);
    expect(result.current.error).toMatchObject({ code: 'Throttling.User', retryable: true });
  });

  test.each([
    ['a refused connection', 'NetworkError', { network: true } as const],
    ['no answer within timeoutMs', 'Timeout', { hang: true } as const],
  ])('%s (%s) is retried 3 times: 4 requests in all', async (_, code, reply) => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply(() => reply);
    const { result } = renderPlayAuth('v1', { timeoutMs: 1_000 });
    await advance(60_000); // 4 timeouts of 1 s plus at most 1 + 2 + 4 s of backoff
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(backend.count()).toBe(4);
    expect(result.current.error).toMatchObject({ name: 'PlayAuthError', code, retryable: true });
    expect(result.current.data).toBeUndefined();
  });

  test('a retry that succeeds clears the error', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply((_, i) =>
      i < 2 ? { status: 503, code: 'ServiceUnavailable' } : { ok: true },
    );
    const { result } = renderPlayAuth('v1');
    await advance(10_000);
    expect((await loaded(result)).playAuth).toBe('auth-v1-3');
    expect(result.current.error).toBeNull();
  });
});

describe('refresh', () => {
  test('refreshes once at expiresAt - margin, not before, keeping data meanwhile', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { result } = renderPlayAuth('v1');
    const first = await loaded(result);
    const at = result.current.refreshAt as number;
    expect(at).toBe(first.expiresAt - 10_000); // default margin for 100 s: 10 s
    await advance(at - Date.now() - 300);
    expect(backend.count()).toBe(1);
    await advance(600);
    await waitFor(() => expect(result.current.data?.playAuth).toBe('auth-v1-2'));
    expect(backend.count()).toBe(2);
    await advance(60_000); // before the new refresh point
    expect(backend.count()).toBe(2);
    expect(result.current.refreshAt).toBe((result.current.data?.expiresAt ?? 0) - 10_000);
  });

  test('refreshMargin as a function of the validity', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { result } = renderPlayAuth('v1', { refreshMargin: (validity) => validity / 4 });
    const first = await loaded(result);
    expect(result.current.refreshAt).toBe(first.expiresAt - 25_000);
    await advance(first.expiresAt - 25_000 - Date.now() - 300);
    expect(backend.count()).toBe(1);
    await advance(600);
    await waitFor(() => expect(backend.count()).toBe(2));
  });

  test('a hidden tab does not poll; becoming visible after expiry refetches at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { result } = renderPlayAuth('v1');
    const first = await loaded(result);
    setVisibility('hidden');
    await advance(first.expiresAt - Date.now() + 200_000);
    expect(backend.count()).toBe(1);
    expect(result.current).toMatchObject({ data: undefined, status: 'pending', isSuccess: false });
    expect(result.current.fetchStatus).toBe('idle');
    setVisibility('visible');
    await advance(50);
    await waitFor(() => expect(result.current.data?.playAuth).toBe('auth-v1-2'));
    expect(backend.count()).toBe(2);
  });

  test('becoming visible past the refresh point (before expiry) refetches at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { result } = renderPlayAuth('v1');
    const first = await loaded(result);
    setVisibility('hidden');
    await advance(first.expiresAt - Date.now() - 5_000);
    expect(backend.count()).toBe(1);
    expect(result.current.data).toBe(first); // still valid: kept
    setVisibility('visible');
    await advance(50);
    await waitFor(() => expect(backend.count()).toBe(2));
  });

  test("refresh: 'off' neither refreshes on time nor on visibility", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { result } = renderPlayAuth('v1', { refresh: 'off' });
    const first = await loaded(result);
    await advance(first.expiresAt - Date.now() - 1_000);
    setVisibility('hidden');
    setVisibility('visible');
    await advance(500);
    expect(backend.count()).toBe(1);
    expect(result.current.data).toBe(first);
    await advance(1_000);
    expect(result.current.data).toBeUndefined();
    expect(backend.count()).toBe(1);
  });
});

describe('expiry', () => {
  test('a failed refresh leaves valid data until expiresAt, then data is undefined', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply((_, i) =>
      i === 0 ? { ok: true } : { status: 503, code: 'ServiceUnavailable' },
    );
    const { result } = renderPlayAuth('v1');
    const first = await loaded(result);
    await advance((result.current.refreshAt as number) - Date.now() + 1);
    await advance(8_000); // 1 + 2 + 4 s of backoff at most, still before expiry
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(backend.count()).toBe(5);
    expect(result.current.data).toBe(first);
    // No other update happens at expiry: the hook must re-render on its own.
    await advance(first.expiresAt - Date.now() + 5);
    expect(result.current).toMatchObject({
      data: undefined,
      status: 'error',
      isError: true,
      isSuccess: false,
      isLoadingError: true,
      isRefetchError: false,
      expiresAt: undefined,
      refreshAt: undefined,
    });
    expect(result.current.error?.code).toBe('ServiceUnavailable');
  });

  test('a refresh still in flight at expiresAt shows pending + fetching', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply((_, i) => (i === 0 ? { ok: true } : { ok: true, delayMs: 20_000 }));
    const { result } = renderPlayAuth('v1', { timeoutMs: 30_000 });
    const first = await loaded(result);
    await advance(first.expiresAt - Date.now() + 1);
    expect(result.current).toMatchObject({
      data: undefined,
      status: 'pending',
      fetchStatus: 'fetching',
      isLoading: true,
    });
    await advance(20_000);
    await waitFor(() => expect(result.current.data?.playAuth).toBe('auth-v1-2'));
  });

  test('an already expired cached credential is never returned', async () => {
    const stale = credentialFor('v1', 100, Date.now() - 200_000);
    client.setQueryData(['playauth', ENDPOINT, 'v1', 100], stale);
    const { result } = renderPlayAuth('v1');
    expect(result.current.data).toBeUndefined();
    expect((await loaded(result)).playAuth).toBe('auth-v1-1');
  });
});

describe('video switch and unmount', () => {
  test("a changed videoId never shows the previous video's credential", async () => {
    backend.setReply((r) =>
      r.url.includes('VideoId=v2') ? { ok: true, delayMs: 50 } : { ok: true },
    );
    const seen: [string, string | undefined][] = [];
    const { result, rerender } = renderHook(
      ({ id }) => {
        const r = usePlayAuth(id, { endpoint: ENDPOINT });
        seen.push([id, r.data?.videoId]);
        return r;
      },
      { wrapper, initialProps: { id: 'v1' } },
    );
    await loaded(result);
    rerender({ id: 'v2' });
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.data?.videoId).toBe('v2'));
    rerender({ id: 'v1' }); // cached and fresh: shown at once, no request
    expect(result.current.data?.videoId).toBe('v1');
    expect(backend.count('v1')).toBe(1);
    for (const [id, shown] of seen) if (shown !== undefined) expect(shown).toBe(id);
  });

  test("an app-wide placeholderData (keepPreviousData) never shows the previous video's credential", async () => {
    client = new QueryClient({
      defaultOptions: { queries: { placeholderData: keepPreviousData } },
    });
    backend.setReply((r) =>
      r.url.includes('VideoId=v2') ? { ok: true, delayMs: 50 } : { ok: true },
    );
    const { result, rerender } = renderHook(({ id }) => usePlayAuth(id, { endpoint: ENDPOINT }), {
      wrapper,
      initialProps: { id: 'v1' },
    });
    await loaded(result);
    rerender({ id: 'v2' });
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.data?.videoId).toBe('v2'));
  });

  test('unmounting the last observer aborts the request in flight', async () => {
    backend.setReply(() => ({ hang: true }));
    const a = renderPlayAuth('v1');
    const b = renderPlayAuth('v1');
    await waitFor(() => expect(backend.count()).toBe(1));
    const request = backend.requests[0] as Request;
    a.unmount();
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(request.signal.aborted).toBe(false);
    b.unmount();
    await waitFor(() => expect(request.signal.aborted).toBe(true));
    expect(client.getQueryState(['playauth', ENDPOINT, 'v1', 100])?.fetchStatus).toBe('idle');
  });
});

describe('configuration', () => {
  test('the headers function runs before every request', async () => {
    let n = 0;
    const headers = vi.fn(async () => ({ authorization: `Bearer t${++n}` }));
    const { result } = renderHook(() => usePlayAuth('v1'), {
      wrapper: ({ children }) => (
        <PlayAuthProvider queryClient={client} endpoint={ENDPOINT} headers={headers}>
          {children}
        </PlayAuthProvider>
      ),
    });
    await loaded(result);
    await act(() => result.current.refetch());
    expect(headers).toHaveBeenCalledTimes(2);
    expect(backend.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer t1',
      'Bearer t2',
    ]);
  });

  test('a custom fetcher replaces the HTTP step', async () => {
    const fetcher = vi.fn(async ({ videoId }: { videoId: string }) => credentialFor(videoId));
    const { result } = renderPlayAuth('v1', { fetcher, authInfoTimeout: 5000 });
    expect((await loaded(result)).playAuth).toBe('auth-v1-1');
    expect(fetcher).toHaveBeenCalledWith({
      videoId: 'v1',
      authInfoTimeout: 3000,
      signal: expect.any(AbortSignal),
    });
    expect(backend.count()).toBe(0);
    expect(client.getQueryData(['playauth', 'custom', 'v1', 3000])).toBe(result.current.data);
  });

  test('a fetcher answering for another video fails with VideoIdMismatch', async () => {
    const fetcher = async () => credentialFor('other');
    const { result } = renderPlayAuth('v1', { fetcher });
    await waitFor(() => expect(result.current.error?.code).toBe('VideoIdMismatch'));
    expect(result.current.data).toBeUndefined();
  });
});

describe('getFresh', () => {
  test('returns the cache while fresh and fetches past the refresh point, once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { result, rerender } = renderPlayAuth('v1', { refresh: 'off' });
    const first = await loaded(result);
    const { getFresh } = result.current;
    await expect(getFresh()).resolves.toBe(first);
    expect(backend.count()).toBe(1);
    await advance((result.current.refreshAt as number) - Date.now() + 1);
    expect(backend.count()).toBe(1); // 'off': nothing automatic
    const [a, b] = await Promise.all([getFresh(), getFresh()]);
    expect(a.playAuth).toBe('auth-v1-2');
    expect(b).toBe(a);
    expect(backend.count()).toBe(2);
    rerender();
    expect(result.current.getFresh).toBe(getFresh);
    await waitFor(() => expect(result.current.data).toEqual(a));
  });

  test('rejects with the error when the fetch fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend.setReply((_, i) =>
      i === 0 ? { ok: true } : { status: 404, code: 'InvalidVideo.NotFound' },
    );
    const { result } = renderPlayAuth('v1', { refresh: 'off' });
    await loaded(result);
    await advance((result.current.refreshAt as number) - Date.now() + 1);
    await expect(result.current.getFresh()).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
    });
    expect(backend.count()).toBe(2);
  });
});
