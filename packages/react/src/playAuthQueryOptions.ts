import {
  assertValidVideoId,
  clampAuthInfoTimeout,
  errorReference,
  type FetchPlayAuthOptions,
  fetchPlayAuth,
  type PlayAuthCredential,
  PlayAuthError,
  type RefreshMargin,
  refreshAt,
} from '@playauth/core';
import type {
  QueryClient,
  QueryKeyWithDataTag,
  UnusedSkipTokenOptions,
} from '@tanstack/react-query';

/** Endpoint used when none is configured: `'/api/play-auth'`. */
export const DEFAULT_PLAYAUTH_ENDPOINT = '/api/play-auth';

/** What a custom {@link PlayAuthFetcher} is asked for. */
export interface PlayAuthFetcherContext {
  /** A VideoId already checked by `isValidVideoId`. */
  videoId: string;
  /** Requested validity in seconds, already clamped to 100..3000. */
  authInfoTimeout: number;
  /** Aborted when nobody needs the answer any more (last observer unmounted): pass it on. */
  signal: AbortSignal;
}

/**
 * Replaces the HTTP step for backends of another shape. Throw a `PlayAuthError` with `retryable`
 * set for failures worth retrying; any other error fails the query at once, as is.
 */
export type PlayAuthFetcher = (context: PlayAuthFetcherContext) => Promise<PlayAuthCredential>;

/** How credentials are fetched and kept fresh: provider props, hook options, factory config. */
export interface PlayAuthOptions {
  /** Backend URL answering `GET ?VideoId=&AuthInfoTimeout=`. Default `'/api/play-auth'`. */
  endpoint?: string;
  /**
   * Where a relative `endpoint` points outside a browser (server prefetch in a Server
   * Component, loader or `getServerSideProps`), e.g. `'http://127.0.0.1:3000'`. Only the request
   * uses it; the query key keeps `endpoint` as given, so the key the server writes (dehydrate)
   * is the key the client reads with the same relative `endpoint`. Browsers ignore it. Default:
   * none (a relative endpoint then fails on the server with `InvalidParameter`).
   * @example
   * ```ts
   * await queryClient.prefetchQuery(
   *   playAuthQueryOptions(id, { endpoint: '/api/play-auth', origin: 'http://127.0.0.1:3000' }),
   * );
   * ```
   */
  origin?: string;
  /** Replaces the HTTP request entirely; the cache key then uses `'custom'` instead of the endpoint. */
  fetcher?: PlayAuthFetcher;
  /** Extra request headers, or a (possibly async) function called before every request. */
  headers?: FetchPlayAuthOptions['headers'];
  /** `RequestInit.credentials`, e.g. `'include'` for a cookie-authenticated cross-origin endpoint. */
  credentials?: RequestCredentials;
  /** Requested validity in seconds, clamped to 100..3000. Default 100. */
  authInfoTimeout?: number;
  /** Renew this long before expiry: ms or a function of the validity. Default max(10 s, 10%). */
  refreshMargin?: RefreshMargin;
  /** Per-request timeout in ms (retryable `Timeout`). Default 10 000. */
  timeoutMs?: number;
  /** The QueryClient to cache in. Default: the provider's, else the one in React context. */
  queryClient?: QueryClient;
}

/** Cache key of one credential: `['playauth', endpoint or 'custom', videoId, authInfoTimeout]`. */
export type PlayAuthQueryKey = readonly ['playauth', string, string, number];

/** The `queryOptions()` type of a credential query: its key carries the data and error types. */
type PlayAuthQueryOptions = UnusedSkipTokenOptions<
  PlayAuthCredential,
  PlayAuthError,
  PlayAuthCredential,
  PlayAuthQueryKey
> &
  QueryKeyWithDataTag<PlayAuthQueryKey, PlayAuthCredential, PlayAuthError>;

/**
 * TanStack Query options for the credential of `videoId`: one cache entry per
 * {@link PlayAuthQueryKey}, fresh until `expiresAt - margin` (`staleTime`), refreshed at that point
 * while observed in a visible tab (`refetchInterval`), kept at least until expiry (`gcTime`),
 * retryable errors retried 3 times with exponential backoff and jitter, others never.
 *
 * @param videoId - The VOD VideoId. A malformed one fails with `InvalidParameter`, sending nothing.
 * @param config - Usually `usePlayAuthConfig()`; every field is optional.
 * @example
 * ```ts
 * // Route loader or hover prefetch; SSR: prefetch, then dehydrate(queryClient).
 * await queryClient.prefetchQuery(playAuthQueryOptions(videoId, { endpoint: API }));
 * const credential = queryClient.getQueryData(playAuthQueryOptions(videoId).queryKey);
 * ```
 */
export function playAuthQueryOptions(
  videoId: string,
  config: PlayAuthOptions = {},
): PlayAuthQueryOptions {
  const { endpoint = DEFAULT_PLAYAUTH_ENDPOINT, fetcher, refreshMargin } = config;
  const authInfoTimeout = clampAuthInfoTimeout(config.authInfoTimeout);
  // Milliseconds from `from` to the refresh point of `data` (0 without data).
  const untilRefresh = (data: PlayAuthCredential | undefined, from: number) =>
    data ? refreshAt(data, refreshMargin) - from : 0;
  // What TanStack's `queryOptions()` would return; calling it would only add an import.
  return {
    queryKey: [
      'playauth',
      fetcher ? 'custom' : endpoint,
      videoId,
      authInfoTimeout,
    ] as PlayAuthQueryKey as PlayAuthQueryOptions['queryKey'],
    queryFn: async (context) => {
      assertValidVideoId(videoId);
      // Reading `signal` opts in to abort-on-last-unmount. Read it after a tick: StrictMode's
      // synchronous unmount/remount would otherwise abort the first request and send a second.
      await 0;
      const { signal } = context;
      const credential = await (fetcher
        ? fetcher({ videoId, authInfoTimeout, signal })
        : fetchPlayAuth({ ...config, endpoint, videoId, authInfoTimeout, signal }));
      // A credential for another video must never reach a player (a custom fetcher may err).
      if (credential?.videoId !== videoId) {
        throw new PlayAuthError(
          'VideoIdMismatch',
          (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
            ? `PlayAuth for ${credential?.videoId}, not ${videoId}: fix the backend`
            : errorReference('VideoIdMismatch'),
        );
      }
      return credential;
    },
    // Relative to `dataUpdatedAt` (TanStack's clock for staleness): stale from the refresh point
    // on (a negative time is stale too).
    staleTime: ({ state }) => untilRefresh(state.data, state.dataUpdatedAt),
    // Servers keep it for the request's lifetime: a timer would hold the client in memory.
    gcTime: typeof window === 'undefined' ? Infinity : authInfoTimeout * 1000,
    retry: (failures, error) => failures < 3 && !!error?.retryable,
    retryDelay: (failures) => Math.min(1000 * 2 ** failures, 30_000) * (0.5 + Math.random() / 2),
    // TanStack skips the tick while the document is hidden; becoming visible refetches stale data.
    // 0 (no data) and negative values (past the refresh point: already stale) set no timer.
    // Timers overflow past 2^31 - 1 ms and would fire at once (a fetcher may grant long validity).
    refetchInterval: ({ state }) => Math.min(untilRefresh(state.data, Date.now()), 2e9),
  };
}
