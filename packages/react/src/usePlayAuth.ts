import {
  type PlayAuthCredential,
  type PlayAuthError,
  refreshAt as refreshPoint,
} from '@playauth/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useInsertionEffect, useRef, useState } from 'react';
import { usePlayAuthConfig } from './PlayAuthProvider';
import { type PlayAuthOptions, playAuthQueryOptions } from './playAuthQueryOptions';

/** Options of {@link usePlayAuth}; unset fields come from the nearest `<PlayAuthProvider>`. */
export interface UsePlayAuthOptions extends PlayAuthOptions {
  /** `false` keeps the query idle. Default `true`. */
  enabled?: boolean;
  /**
   * `'auto'` (default): renew at `expiresAt - margin` while observed and the tab is visible, and at
   * once on becoming visible or reconnecting past that point. `'off'`: fetch on mount only; take
   * fresh credentials on demand with `getFresh()` (a player that has already loaded its source).
   */
  refresh?: 'auto' | 'off';
}

/** The TanStack Query result for the credential, plus what a custom player needs. */
export type UsePlayAuthResult = UseQueryResult<PlayAuthCredential, PlayAuthError> & {
  /** `data.expiresAt` (epoch ms), when there is a credential. */
  expiresAt?: number;
  /** When the credential will be (or should have been) renewed, epoch ms. */
  refreshAt?: number;
  /**
   * The cached credential if still before its refresh point, else a newly fetched one (shared with
   * any fetch in flight). Call it right before handing a PlayAuth to a player. Stable identity.
   */
  getFresh: () => Promise<PlayAuthCredential>;
};

/**
 * The playback credential of `videoId`, fetched once per (endpoint, videoId, authInfoTimeout)
 * however many components ask, and kept fresh (see `refresh`). `data` never holds an expired
 * credential: once `expiresAt` passes without a successful renewal, `data` is `undefined` and
 * `status`/`fetchStatus`/`error` say why. A malformed `videoId` fails with `InvalidParameter`
 * without a request; `null`/`undefined` keeps it idle. Needs a QueryClient: a `<PlayAuthProvider>`,
 * a `QueryClientProvider` or `options.queryClient`.
 *
 * @example
 * ```tsx
 * function Cover({ videoId }: { videoId: string }) {
 *   const { data, error, isPending, isError } = usePlayAuth(videoId, { authInfoTimeout: 600 });
 *   if (isPending) return <Spinner />;
 *   if (isError) return <p>{error.code}: {error.message}</p>;
 *   return <img src={data.videoMeta.coverUrl} alt={data.videoMeta.title} />;
 * }
 * ```
 */
export function usePlayAuth(
  videoId: string | null | undefined,
  options: UsePlayAuthOptions = {},
): UsePlayAuthResult {
  const config = usePlayAuthConfig(options);
  const client = useQueryClient(config.queryClient);
  const query = playAuthQueryOptions(videoId ?? '', config);
  const auto = options.refresh !== 'off';
  const result = useQuery(
    {
      ...query,
      enabled: videoId != null && options.enabled !== false,
      refetchInterval: auto && query.refetchInterval,
      refetchOnWindowFocus: auto,
      refetchOnReconnect: auto,
      // An app-wide `keepPreviousData` would show the previous video's credential after a switch.
      placeholderData: undefined,
    },
    client,
  );

  // Without a QueryClientProvider nobody else subscribes the client to focus/online events.
  useEffect(() => {
    client.mount();
    return () => client.unmount();
  }, [client]);

  // `fetchQuery` returns the cache while `staleTime` (the refresh point) has not passed.
  const fetchFresh = () => client.fetchQuery(query);
  const latest = useRef(fetchFresh);
  useInsertionEffect(() => {
    latest.current = fetchFresh;
  });
  // Stable identity, always with the committed client and options.
  const [getFresh] = useState(() => () => latest.current());

  const { data, error } = result;
  // Nothing else re-renders at expiry when no refresh happens (hidden tab, failing backend). An
  // already expired credential only costs one extra render.
  const [, rerender] = useState<object>();
  useEffect(() => {
    const id = data && setTimeout(rerender, data.expiresAt - Date.now() + 1, {});
    return () => clearTimeout(id);
  }, [data]);
  const live = data && Date.now() < data.expiresAt ? data : undefined;
  const failed = !!error;

  return {
    ...result,
    // An expired credential reads as no data: pending (maybe fetching) or the refresh error.
    ...(live !== data && {
      data: live,
      status: failed ? 'error' : 'pending',
      isSuccess: false,
      isPending: !failed,
      isLoading: !failed && result.isFetching,
      isLoadingError: failed,
      isRefetchError: false,
    }),
    expiresAt: live?.expiresAt,
    refreshAt: live && refreshPoint(live, config.refreshMargin),
    getFresh,
  } as UsePlayAuthResult;
}
