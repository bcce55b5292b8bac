import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { memo, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  type PlayAuthConfig,
  PlayAuthProvider,
  type PlayAuthProviderProps,
  usePlayAuthConfig,
} from '../PlayAuthProvider';
import { usePlayAuth } from '../usePlayAuth';
import { createPlayAuthBackend, ENDPOINT } from './playAuthBackend';

const backend = createPlayAuthBackend();
const KEY = ['playauth', ENDPOINT, 'v1', 100] as const;

beforeAll(() => backend.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => backend.reset());
afterAll(() => backend.server.close());

function Credential() {
  const { data, error } = usePlayAuth('v1');
  return <p>{data?.playAuth ?? error?.code ?? 'none'}</p>;
}
let readerRenders = 0;
const Reader = memo(function Reader() {
  readerRenders++;
  usePlayAuthConfig();
  return null;
});
function ClientProbe({ onClient }: { onClient: (client: QueryClient) => void }) {
  onClient(useQueryClient());
  return null;
}

function ConfigSpy({ onConfig }: { onConfig: (config: PlayAuthConfig) => void }) {
  onConfig(usePlayAuthConfig());
  return null;
}

/** The config's client as seen without a provider, and a credential from ENDPOINT. */
function ConfigProbe({ onConfigClient }: { onConfigClient: (client: unknown) => void }) {
  onConfigClient(usePlayAuthConfig().queryClient);
  const { data } = usePlayAuth('v1', { endpoint: ENDPOINT });
  return <p>{data?.playAuth ?? 'none'}</p>;
}

describe('QueryClient', () => {
  test("uses the app's QueryClient from context", async () => {
    const app = new QueryClient();
    render(
      <QueryClientProvider client={app}>
        <PlayAuthProvider endpoint={ENDPOINT}>
          <Credential />
        </PlayAuthProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('auth-v1-1');
    expect(app.getQueryData(KEY)).toMatchObject({ playAuth: 'auth-v1-1' });
  });

  test('the queryClient prop wins over the app client, which stays in context', async () => {
    const app = new QueryClient();
    const passed = new QueryClient();
    const seen: QueryClient[] = [];
    render(
      <QueryClientProvider client={app}>
        <PlayAuthProvider endpoint={ENDPOINT} queryClient={passed}>
          <Credential />
          <ClientProbe onClient={(c) => seen.push(c)} />
        </PlayAuthProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('auth-v1-1');
    expect(passed.getQueryData(KEY)).toBeDefined();
    expect(app.getQueryData(KEY)).toBeUndefined();
    expect(seen.at(-1)).toBe(app);
  });

  test("the provider's client wins over a QueryClientProvider nested inside it", async () => {
    const outer = new QueryClient();
    const inner = new QueryClient();
    render(
      <PlayAuthProvider endpoint={ENDPOINT} queryClient={outer}>
        <QueryClientProvider client={inner}>
          <Credential />
        </QueryClientProvider>
      </PlayAuthProvider>,
    );
    await screen.findByText('auth-v1-1');
    expect(outer.getQueryData(KEY)).toBeDefined();
    expect(inner.getQueryData(KEY)).toBeUndefined();
  });

  test('without a PlayAuthProvider the config has no client and the hook takes the app one', async () => {
    const app = new QueryClient();
    const configs: unknown[] = [];
    render(
      <QueryClientProvider client={app}>
        <ConfigProbe onConfigClient={(client) => configs.push(client)} />
      </QueryClientProvider>,
    );
    await screen.findByText('auth-v1-1');
    expect(configs.at(-1)).toBeUndefined();
    expect(app.getQueryData(KEY)).toMatchObject({ playAuth: 'auth-v1-1' });
  });

  test('a passed client is also provided to children when the app has none', async () => {
    const passed = new QueryClient();
    const seen: QueryClient[] = [];
    render(
      <PlayAuthProvider endpoint={ENDPOINT} queryClient={passed}>
        <Credential />
        <ClientProbe onClient={(c) => seen.push(c)} />
      </PlayAuthProvider>,
    );
    await screen.findByText('auth-v1-1');
    expect(passed.getQueryData(KEY)).toBeDefined();
    expect(seen.at(-1)).toBe(passed);
  });

  test('creates its own client when there is none, stable across re-renders', async () => {
    const seen: QueryClient[] = [];
    const tree = (props: Partial<PlayAuthProviderProps>) => (
      <PlayAuthProvider endpoint={ENDPOINT} {...props}>
        <Credential />
        <ClientProbe onClient={(c) => seen.push(c)} />
      </PlayAuthProvider>
    );
    const { rerender } = render(tree({}));
    await screen.findByText('auth-v1-1');
    rerender(tree({ timeoutMs: 5_000 }));
    rerender(tree({ authInfoTimeout: 100 }));
    await screen.findByText('auth-v1-1');
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]?.getQueryData(KEY)).toBeDefined();
    expect(backend.count()).toBe(1);
  });

  test('two providers without an app client do not share a cache', async () => {
    render(
      <>
        <PlayAuthProvider endpoint={ENDPOINT}>
          <Credential />
        </PlayAuthProvider>
        <PlayAuthProvider endpoint={ENDPOINT}>
          <Credential />
        </PlayAuthProvider>
      </>,
    );
    await waitFor(() => expect(screen.getAllByText(/^auth-v1-/)).toHaveLength(2));
    expect(backend.count()).toBe(2);
  });

  test('the hook works without any provider given options.queryClient', async () => {
    const client = new QueryClient();
    const { result } = renderHook(() =>
      usePlayAuth('v1', { endpoint: ENDPOINT, queryClient: client }),
    );
    await waitFor(() => expect(result.current.data?.playAuth).toBe('auth-v1-1'));
    expect(client.getQueryData(KEY)).toBeDefined();
  });

  test('the hook without any QueryClient throws a clear error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => usePlayAuth('v1'))).toThrow(/QueryClient/);
    vi.restoreAllMocks();
  });
});

describe('configuration', () => {
  const inProvider =
    (props: Partial<PlayAuthProviderProps>) =>
    ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={new QueryClient()}>
        <PlayAuthProvider {...props}>{children}</PlayAuthProvider>
      </QueryClientProvider>
    );

  test('defaults without any provider', () => {
    const { result } = renderHook(() => usePlayAuthConfig());
    expect(result.current).toEqual({ endpoint: '/api/play-auth', queryClient: undefined });
  });

  test('provider props, then per-call overrides; undefined never hides a value', () => {
    const license = { domain: 'example.com', key: 'k' };
    const { result } = renderHook(
      () => usePlayAuthConfig({ authInfoTimeout: 900, endpoint: undefined, telemetry: false }),
      {
        wrapper: inProvider({
          endpoint: ENDPOINT,
          authInfoTimeout: 300,
          license,
          sdk: 'cdn',
          telemetry: true,
          timeoutMs: undefined,
        }),
      },
    );
    expect(result.current).toMatchObject({
      endpoint: ENDPOINT,
      authInfoTimeout: 900,
      license,
      sdk: 'cdn',
      telemetry: false,
    });
    expect(result.current.queryClient).toBeInstanceOf(QueryClient);
    expect('timeoutMs' in result.current).toBe(false);
  });

  test('the hook takes the endpoint and authInfoTimeout from the provider', async () => {
    const { result } = renderHook(() => usePlayAuth('v1'), {
      wrapper: inProvider({ endpoint: ENDPOINT, authInfoTimeout: 300 }),
    });
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(backend.requests[0]?.url).toBe(`${ENDPOINT}?VideoId=v1&AuthInfoTimeout=300`);
  });

  test('a nested provider inherits the outer settings; its own props win', () => {
    const license = { domain: 'example.com', key: 'k' };
    const outer = new QueryClient();
    const seen: PlayAuthConfig[] = [];
    const tree = (inner: Partial<PlayAuthProviderProps>) => (
      <PlayAuthProvider
        endpoint={ENDPOINT}
        authInfoTimeout={300}
        license={license}
        queryClient={outer}
      >
        <PlayAuthProvider {...inner}>
          <ConfigSpy onConfig={(config) => seen.push(config)} />
        </PlayAuthProvider>
      </PlayAuthProvider>
    );
    const { rerender } = render(
      tree({ authInfoTimeout: 900, telemetry: true, endpoint: undefined }),
    );
    // poolLease: the outer provider's hold on the player pool, shared with the inner one.
    const lease = seen.at(-1)?.poolLease;
    expect(seen.at(-1)).toEqual({
      endpoint: ENDPOINT,
      authInfoTimeout: 900,
      license,
      telemetry: true,
      queryClient: outer,
      poolLease: {},
    });
    // A prop that goes away falls back to the outer value (or to nothing).
    rerender(tree({}));
    expect(seen.at(-1)).toEqual({
      endpoint: ENDPOINT,
      authInfoTimeout: 300,
      license,
      queryClient: outer,
      poolLease: {},
    });
    expect(seen.at(-1)?.poolLease).toBe(lease);
  });

  test("a nested provider uses the outer provider's client, not the app's", async () => {
    const app = new QueryClient();
    const passed = new QueryClient();
    render(
      <QueryClientProvider client={app}>
        <PlayAuthProvider endpoint={ENDPOINT} queryClient={passed}>
          <PlayAuthProvider authInfoTimeout={100}>
            <Credential />
          </PlayAuthProvider>
        </PlayAuthProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('auth-v1-1');
    expect(passed.getQueryData(KEY)).toBeDefined();
    expect(app.getQueryData(KEY)).toBeUndefined();
  });

  test('consumers do not re-render when the provider re-renders with the same props', () => {
    readerRenders = 0;
    const fetcher = vi.fn();
    const tree = (
      <PlayAuthProvider fetcher={fetcher} endpoint={ENDPOINT}>
        <Reader />
      </PlayAuthProvider>
    );
    const { rerender } = render(tree);
    rerender(
      <PlayAuthProvider fetcher={fetcher} endpoint={ENDPOINT}>
        <Reader />
      </PlayAuthProvider>,
    );
    expect(readerRenders).toBe(1);
    rerender(
      <PlayAuthProvider fetcher={fetcher} endpoint="/other">
        <Reader />
      </PlayAuthProvider>,
    );
    expect(readerRenders).toBe(2);
  });
});
