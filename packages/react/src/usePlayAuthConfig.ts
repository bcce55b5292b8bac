import * as Query from '@tanstack/react-query';
import * as React from 'react';
import { DEFAULT_PLAYAUTH_ENDPOINT, type PlayAuthOptions } from './playAuthQueryOptions';

/** Player defaults a `<PlayAuthProvider>` hands to every `<VodPlayer>` below it. */
export interface PlayAuthPlayerDefaults {
  /** Aliplayer license (required by the SDK for some features and domains). */
  license?: { domain: string; key: string };
  /** Where the Aliplayer SDK is loaded from (see the SDK loader). */
  sdk?: unknown;
  /** Whether the Aliplayer SDK may send its usage telemetry. */
  telemetry?: boolean;
}

/** Provider props and per-call options merged; `endpoint` always set. */
export interface PlayAuthConfig extends PlayAuthOptions, PlayAuthPlayerDefaults {
  endpoint: string;
}

/** @internal Carries `<PlayAuthProvider>` props (with the resolved QueryClient) down the tree. */
export const PlayAuthContext = React.createContext<PlayAuthOptions & PlayAuthPlayerDefaults>({});

/**
 * The effective configuration at this point of the tree: defaults, then the nearest
 * `<PlayAuthProvider>` props, then `overrides` (`undefined` fields are ignored). `queryClient`
 * falls back to the one of the nearest `QueryClientProvider`; `endpoint` to `'/api/play-auth'`.
 * Works without any provider.
 *
 * @example
 * ```ts
 * const { license, queryClient } = usePlayAuthConfig(props);
 * ```
 */
export function usePlayAuthConfig(overrides: Partial<PlayAuthConfig> = {}): PlayAuthConfig {
  const config: Record<string, unknown> = {
    endpoint: DEFAULT_PLAYAUTH_ENDPOINT,
    queryClient: React.useContext(Query.QueryClientContext),
  };
  const provided = React.useContext(PlayAuthContext);
  // Later layers win, but an `undefined` value never hides an earlier one.
  for (const layer of [provided, overrides]) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) config[key] = value;
  }
  return config as unknown as PlayAuthConfig;
}
