import { QueryClient, type QueryClientConfig } from '@tanstack/react-query';

/**
 * A QueryClient for one test: no retries (failures show at once), `gcTime: Infinity` (no garbage
 * collection timers left running after the test) and `staleTime: 0`. `config` is merged on top,
 * `defaultOptions.queries`/`mutations` field by field. Create a fresh one per test.
 *
 * Options set on a query itself win over these defaults: `playAuthQueryOptions` keeps its own
 * policy (retryable errors retried 3 times with backoff, `gcTime` = validity). To see an error
 * state at once, script a non-retryable failure (`notFound`, `notReady`) or advance fake timers.
 *
 * @example
 * ```tsx
 * const queryClient = createTestQueryClient();
 * render(
 *   <PlayAuthProvider queryClient={queryClient} endpoint="/api/play-auth">
 *     <VodPlayer videoId="v1" sdk={FakeAliplayer} />
 *   </PlayAuthProvider>,
 * );
 * ```
 */
export function createTestQueryClient(config: QueryClientConfig = {}): QueryClient {
  const { defaultOptions, ...rest } = config;
  return new QueryClient({
    ...rest,
    defaultOptions: {
      ...defaultOptions,
      queries: { retry: false, gcTime: Infinity, staleTime: 0, ...defaultOptions?.queries },
      mutations: { retry: false, gcTime: Infinity, ...defaultOptions?.mutations },
    },
  });
}
