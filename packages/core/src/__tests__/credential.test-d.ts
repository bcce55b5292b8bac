import {
  clampAuthInfoTimeout,
  type FetchPlayAuthOptions,
  fetchPlayAuth,
  isExpired,
  isFresh,
  isPlayAuthError,
  isRetryableVodError,
  isValidVideoId,
  type PlayAuthCredential,
  PlayAuthError,
  type PlayAuthErrorCode,
  parsePlayAuthResponse,
  type RefreshMargin,
  refreshAt,
  refreshMarginMs,
  sanitizeCoverUrl,
  type VideoMeta,
} from '@playauth/core';
import { describe, expectTypeOf, it } from 'vitest';

describe('PlayAuthCredential', () => {
  it('has the documented fields', () => {
    expectTypeOf<PlayAuthCredential>().toEqualTypeOf<{
      videoId: string;
      playAuth: string;
      requestId: string;
      videoMeta: VideoMeta;
      issuedAt: number;
      expiresAt: number;
      hlsUriToken?: string;
    }>();
    expectTypeOf<VideoMeta['coverUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<VideoMeta['duration']>().toEqualTypeOf<number>();
    expectTypeOf<'Normal'>().toExtend<VideoMeta['status']>();
    expectTypeOf<'SomeFutureStatus'>().toExtend<VideoMeta['status']>();
  });
});

describe('fetchPlayAuth', () => {
  it('resolves to a PlayAuthCredential', () => {
    expectTypeOf(fetchPlayAuth).returns.toEqualTypeOf<Promise<PlayAuthCredential>>();
    expectTypeOf(fetchPlayAuth).parameter(0).toEqualTypeOf<FetchPlayAuthOptions>();
  });

  it('requires endpoint and videoId and types the rest', () => {
    expectTypeOf<FetchPlayAuthOptions>().toHaveProperty('endpoint').toEqualTypeOf<string>();
    expectTypeOf<FetchPlayAuthOptions['timeoutMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FetchPlayAuthOptions['credentials']>().toEqualTypeOf<
      RequestCredentials | undefined
    >();
    expectTypeOf<{ Authorization: string }>().toExtend<FetchPlayAuthOptions['headers']>();
    expectTypeOf<() => Promise<[string, string][]>>().toExtend<FetchPlayAuthOptions['headers']>();
    expectTypeOf<typeof fetch>().toExtend<FetchPlayAuthOptions['fetch']>();
    // @ts-expect-error videoId is required
    expectTypeOf<FetchPlayAuthOptions>().toEqualTypeOf<{ endpoint: string }>();
    expectTypeOf<{ endpoint: string }>().not.toExtend<FetchPlayAuthOptions>();
    expectTypeOf<{ endpoint: string; videoId: string }>().toExtend<FetchPlayAuthOptions>();
    expectTypeOf<{ endpoint: string; videoId: number }>().not.toExtend<FetchPlayAuthOptions>();
  });
});

describe('PlayAuthError', () => {
  it('is an Error with code, status, requestId and retryable', () => {
    expectTypeOf<PlayAuthError>().toExtend<Error>();
    expectTypeOf<PlayAuthError['code']>().toEqualTypeOf<PlayAuthErrorCode>();
    expectTypeOf<PlayAuthError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PlayAuthError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PlayAuthError['retryable']>().toEqualTypeOf<boolean>();
    expectTypeOf<'InvalidVideo.NotFound'>().toExtend<PlayAuthErrorCode>();
    expectTypeOf<'Http502'>().toExtend<PlayAuthErrorCode>();
    expectTypeOf<PlayAuthErrorCode>().toExtend<string>();
  });

  it('narrows unknown values', () => {
    const error: unknown = new PlayAuthError('Timeout', 'x', { retryable: true });
    if (isPlayAuthError(error)) expectTypeOf(error).toEqualTypeOf<PlayAuthError>();
  });
});

describe('helpers', () => {
  it('have the agreed signatures', () => {
    expectTypeOf(parsePlayAuthResponse)
      .parameter(1)
      .toEqualTypeOf<{ videoId: string; authInfoTimeout: number; issuedAt: number }>();
    expectTypeOf(parsePlayAuthResponse).returns.toEqualTypeOf<PlayAuthCredential>();
    expectTypeOf(clampAuthInfoTimeout).toEqualTypeOf<(seconds: unknown) => number>();
    expectTypeOf(sanitizeCoverUrl).toEqualTypeOf<(url: unknown) => string | undefined>();
    expectTypeOf(isRetryableVodError).toEqualTypeOf<
      (code: string | undefined, status?: number) => boolean
    >();
    expectTypeOf(isExpired).returns.toEqualTypeOf<boolean>();
    expectTypeOf(isFresh).returns.toEqualTypeOf<boolean>();
    expectTypeOf(refreshAt).returns.toEqualTypeOf<number>();
    expectTypeOf(refreshMarginMs).returns.toEqualTypeOf<number>();
    expectTypeOf<(validityMs: number) => number>().toExtend<RefreshMargin>();
    expectTypeOf({ issuedAt: 0, expiresAt: 1 }).toExtend<Parameters<typeof refreshAt>[0]>();
  });

  it('isValidVideoId narrows to string', () => {
    const id: unknown = 'abc';
    if (isValidVideoId(id)) expectTypeOf(id).toEqualTypeOf<string>();
  });
});
