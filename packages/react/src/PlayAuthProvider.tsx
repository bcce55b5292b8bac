import type { AliplayerLicense, AliplayerSource, ResumeStorage } from '@playauth/core';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createContext, createElement, useContext, useEffect, useState } from 'react';
import { DEFAULT_PLAYAUTH_ENDPOINT, type PlayAuthOptions } from './playAuthQueryOptions';
import type { PlayerPoolLease } from './usePlayerPool';

/** Player defaults a `<PlayAuthProvider>` hands to every `<VodPlayer>` below it. */
export interface PlayAuthPlayerDefaults {
  /** Aliplayer licence for the page's domain; required on http(s) pages (SDK >= 2.28). */
  license?: AliplayerLicense;
  /** Where the Aliplayer SDK is loaded from (see `loadAliplayer`). Default: the official CDN. */
  sdk?: AliplayerSource;
  /** Whether the Aliplayer SDK may send its usage telemetry. */
  telemetry?: boolean;
  /**
   * Resume each video where the viewer left off: `true` keeps positions in `localStorage`
   * (`localStorageResume()`), `{ storage }` in your own {@link ResumeStorage}. Default: off.
   */
  resume?: boolean | { storage: ResumeStorage };
  /**
   * How many idle Aliplayer instances the page keeps for reuse (`playerPool` of
   * `@playauth/core`): an unmounted `<VodPlayer>` gives its player back, paused and hidden, and
   * the next one with the same init-only options (licence, `sdk`, `options`, `loop`...) plays its
   * video on it instead of creating one (the SDK never frees a disposed player). Default `2`;
   * `0` turns reuse off. The pool is drained when the last provider with players unmounts.
   */
  playerPool?: number;
}

/** Provider props and per-call options merged; `endpoint` always set. */
export interface PlayAuthConfig extends PlayAuthOptions, PlayAuthPlayerDefaults {
  endpoint: string;
  /** @internal The outermost provider's hold on the player pool (see `usePlayerPool`). */
  poolLease?: PlayerPoolLease;
}

/** @internal Carries `<PlayAuthProvider>` props (with the resolved QueryClient) down the tree. */
export const PlayAuthContext = createContext<Partial<PlayAuthConfig>>({});

/**
 * The effective configuration at this point of the tree: defaults, then the nearest
 * `<PlayAuthProvider>` props, then `overrides` (`undefined` fields are ignored); `endpoint`
 * defaults to `'/api/play-auth'`. `queryClient` is the override's or the provider's, else
 * `undefined`: pass it to `useQueryClient(config.queryClient)`, which then takes the nearest
 * `QueryClientProvider`'s. Works without any provider.
 *
 * @example
 * ```ts
 * const config = usePlayAuthConfig(props);
 * const queryClient = useQueryClient(config.queryClient);
 * ```
 */
export function usePlayAuthConfig(overrides: Partial<PlayAuthConfig> = {}): PlayAuthConfig {
  const config: Record<string, unknown> = { endpoint: DEFAULT_PLAYAUTH_ENDPOINT };
  const provided = useContext(PlayAuthContext);
  // Later layers win, but an `undefined` value never hides an earlier one.
  for (const layer of [provided, overrides]) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) config[key] = value;
  }
  return config as unknown as PlayAuthConfig;
}

/** Props of {@link PlayAuthProvider}: credential options and player defaults for the subtree. */
export interface PlayAuthProviderProps extends PlayAuthOptions, PlayAuthPlayerDefaults {
  children?: ReactNode;
}

/**
 * Configures `usePlayAuth` and `<VodPlayer>` for its subtree (each call may still override).
 * A nested provider inherits an outer one's settings (QueryClient included); its own props win
 * and `undefined` props inherit.
 *
 * QueryClient: the `queryClient` prop (or an outer provider's) if given, else the app's (nearest
 * `QueryClientProvider`),
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
export function PlayAuthProvider({ children, ...props }: PlayAuthProviderProps) {
  const appClient = useContext(QueryClientContext);
  // Creating a QueryClient has no side effects, so making it once up front is harmless and keeps
  // the cache stable if the app's client or the prop come and go.
  const [ownClient] = useState(() => new QueryClient());
  // An outer provider's settings, then these props (`undefined` ones inherit).
  const config = usePlayAuthConfig(props);
  // The player pool is held by the <VodPlayer>s below (usePlayerPool), for the outermost
  // provider's lifetime: this one only gives its hold back, so the hook path has no pool code.
  const [ownLease] = useState<PlayerPoolLease>({});
  useEffect(() => () => ownLease.release?.(), [ownLease]);
  const client = config.queryClient ?? appClient ?? ownClient;
  const next = { ...config, queryClient: client, poolLease: config.poolLease ?? ownLease };
  // The same object while every setting is the same, so consumers skip re-rendering. Storing the
  // last value in state and replacing it during render is React's documented way to do this.
  const [value, setValue] = useState(next);
  const keys = Object.keys({ ...value, ...next }) as (keyof typeof next)[];
  if (keys.some((key) => value[key] !== next[key])) setValue(next);
  // createElement rather than JSX: keeps `react/jsx-runtime` off the hook path (size budget).
  const tree = createElement(PlayAuthContext.Provider, { value }, children);
  return appClient ? tree : createElement(QueryClientProvider, { client }, tree);
}
