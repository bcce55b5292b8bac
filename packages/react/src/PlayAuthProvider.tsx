import * as Query from '@tanstack/react-query';
import type { ReactNode } from 'react';
import * as React from 'react';
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
  const appClient = React.useContext(Query.QueryClientContext);
  // Creating a QueryClient has no side effects, so making it once up front is harmless and keeps
  // the cache stable if the app's client or the prop come and go.
  const [ownClient] = React.useState(() => new Query.QueryClient());
  const client = queryClient ?? appClient ?? ownClient;
  // Every prop, one by one: `options` itself is a new object on each render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: lists every field of `options`.
  const value = React.useMemo(
    () => ({ ...options, queryClient: client }),
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
  return appClient ? (
    tree
  ) : (
    <Query.QueryClientProvider client={client}>{tree}</Query.QueryClientProvider>
  );
}
