import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useContext, useMemo, useState } from 'react';
import type { PlayAuthOptions } from './playAuthQueryOptions';
import { PlayAuthContext, type PlayAuthPlayerDefaults } from './usePlayAuthConfig';

/** Props of {@link PlayAuthProvider}: credential options and player defaults for the subtree. */
export interface PlayAuthProviderProps extends PlayAuthOptions, PlayAuthPlayerDefaults {
  children?: ReactNode;
}

/**
 * Configures `usePlayAuth` and `<VodPlayer>` for its subtree (each call may still override).
 * A nested provider replaces an outer one's settings; it does not inherit them.
 *
 * QueryClient: the `queryClient` prop if given, else the app's (nearest `QueryClientProvider`),
 * else one of its own that lives as long as the provider. When the app has none in context, the
 * one used is also provided to the children, so their own `useQuery` calls work too.
 * Defaults: `endpoint` `'/api/play-auth'`, `authInfoTimeout` 100 s, refresh margin max(10 s, 10%).
 *
 * @example
 * ```tsx
 * <PlayAuthProvider
 *   endpoint="/api/play-auth"
 *   authInfoTimeout={600}
 *   headers={async () => ({ Authorization: `Bearer ${await getToken()}` })}
 * >
 *   <App />
 * </PlayAuthProvider>
 * ```
 */
export function PlayAuthProvider({ children, queryClient, ...options }: PlayAuthProviderProps) {
  const appClient = useContext(QueryClientContext);
  // Creating a QueryClient has no side effects, so making it once up front is harmless and keeps
  // the cache stable if the app's client or the prop come and go.
  const [ownClient] = useState(() => new QueryClient());
  const client = queryClient ?? appClient ?? ownClient;
  const value = useMemo(
    () => ({ ...options, queryClient: client }),
    // Every prop, one by one: `options` itself is a new object on each render.
    // biome-ignore lint/correctness/useExhaustiveDependencies: covers every field of `options`.
    [
      client,
      options.endpoint,
      options.fetcher,
      options.headers,
      options.credentials,
      options.authInfoTimeout,
      options.refreshMargin,
      options.timeoutMs,
      options.license,
      options.sdk,
      options.telemetry,
    ],
  );
  const tree = <PlayAuthContext.Provider value={value}>{children}</PlayAuthContext.Provider>;
  return appClient ? tree : <QueryClientProvider client={client}>{tree}</QueryClientProvider>;
}
