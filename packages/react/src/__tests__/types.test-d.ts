import type {
  AliplayerLicense,
  AliplayerSource,
  PlayAuthCredential,
  PlayAuthError,
} from '@playauth/core';
import { QueryClient, useQuery } from '@tanstack/react-query';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type PlayAuthConfig,
  type PlayAuthFetcher,
  PlayAuthProvider,
  type PlayAuthProviderProps,
  type PlayAuthQueryKey,
  playAuthQueryOptions,
  type UsePlayAuthOptions,
  type UsePlayAuthResult,
  usePlayAuth,
  usePlayAuthConfig,
} from '../index';

describe('usePlayAuth', () => {
  test('data is a PlayAuthCredential, error a PlayAuthError', () => {
    const result = usePlayAuth('v1');
    expectTypeOf(result).toEqualTypeOf<UsePlayAuthResult>();
    expectTypeOf(result.data).toEqualTypeOf<PlayAuthCredential | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<PlayAuthError | null>();
    expectTypeOf(result.expiresAt).toEqualTypeOf<number | undefined>();
    expectTypeOf(result.getFresh).toEqualTypeOf<() => Promise<PlayAuthCredential>>();
    if (result.isSuccess) expectTypeOf(result.data).toEqualTypeOf<PlayAuthCredential>();
    if (result.status === 'error') expectTypeOf(result.error).toEqualTypeOf<PlayAuthError>();
  });

  test('destructured flags narrow as in the TSDoc example', () => {
    const { data, error, isPending, isError } = usePlayAuth('v1');
    if (isPending) return;
    if (isError) {
      expectTypeOf(error).toEqualTypeOf<PlayAuthError>();
      return;
    }
    expectTypeOf(data).toEqualTypeOf<PlayAuthCredential>();
  });

  test('videoId may be missing; options are typed', () => {
    usePlayAuth(null);
    usePlayAuth(undefined, { enabled: false });
    usePlayAuth('v1', { refresh: 'off', authInfoTimeout: 600, refreshMargin: (v) => v / 5 });
    // @ts-expect-error only 'auto' | 'off'
    usePlayAuth('v1', { refresh: 'sometimes' });
    // @ts-expect-error a number is not a VideoId
    usePlayAuth(42);
    expectTypeOf<UsePlayAuthOptions['queryClient']>().toEqualTypeOf<QueryClient | undefined>();
  });
});

describe('playAuthQueryOptions', () => {
  test('queryKey and data types flow into TanStack Query', () => {
    const options = playAuthQueryOptions('v1', { endpoint: '/x' });
    expectTypeOf(options.queryKey).toExtend<PlayAuthQueryKey>();
    const client = new QueryClient();
    expectTypeOf(client.getQueryData(options.queryKey)).toEqualTypeOf<
      PlayAuthCredential | undefined
    >();
    expectTypeOf(client.fetchQuery(options)).resolves.toEqualTypeOf<PlayAuthCredential>();
    const query = useQuery(options);
    expectTypeOf(query.data).toEqualTypeOf<PlayAuthCredential | undefined>();
    expectTypeOf(query.error).toEqualTypeOf<PlayAuthError | null>();
    const selected = useQuery({ ...options, select: (c) => c.playAuth });
    expectTypeOf(selected.data).toEqualTypeOf<string | undefined>();
  });
});

describe('configuration types', () => {
  test('fetcher context and provider props', () => {
    expectTypeOf<Parameters<PlayAuthFetcher>[0]>().toEqualTypeOf<{
      videoId: string;
      authInfoTimeout: number;
      signal: AbortSignal;
    }>();
    expectTypeOf<PlayAuthProviderProps>().toHaveProperty('license');
    expectTypeOf<PlayAuthProviderProps['sdk']>().toEqualTypeOf<AliplayerSource | undefined>();
    expectTypeOf<PlayAuthProviderProps['license']>().toEqualTypeOf<AliplayerLicense | undefined>();
    // @ts-expect-error an SDK source is a URL, script/CSS URLs, a constructor or a loader
    void PlayAuthProvider({ sdk: 42 });
    expectTypeOf(usePlayAuthConfig()).toEqualTypeOf<PlayAuthConfig>();
    expectTypeOf<PlayAuthConfig['endpoint']>().toEqualTypeOf<string>();
    expectTypeOf<PlayAuthConfig['telemetry']>().toEqualTypeOf<boolean | undefined>();
  });
});
