import { describe, expect, it } from 'vitest';
import { isRetryableVodError } from '../vodErrors';

describe('isRetryableVodError', () => {
  it.each([
    'Throttling',
    'Throttling.User',
    'Throttling.Api',
    'throttling.user',
    'ServiceUnavailable',
    'ServiceUnAvailable',
    'SERVICEUNAVAILABLE',
    'InternalError',
    'internalerror',
  ])('retries the code %s', (code) => {
    expect(isRetryableVodError(code)).toBe(true);
    expect(isRetryableVodError(code, 400)).toBe(true);
  });

  it.each([429, 500, 502, 503, 504, 599])('retries HTTP %s whatever the code', (status) => {
    expect(isRetryableVodError(undefined, status)).toBe(true);
    expect(isRetryableVodError(`Http${status}`, status)).toBe(true);
  });

  it.each([
    ['InvalidVideo.NotFound', 404],
    ['Forbidden.IllegalStatus', 403],
    ['Forbidden.RAM', 403],
    ['SignatureDoesNotMatch', 400],
    ['InvalidAccessKeyId.NotFound', 404],
    ['InvalidTimeStamp.Expired', 400],
    ['MissingParameter', 400],
    ['InvalidParameter', undefined],
    ['InvalidResponse', undefined],
    ['VideoIdMismatch', undefined],
    ['Http400', 400],
    ['Http401', 401],
    ['Http404', 404],
    ['Http600', 600],
    ['NotThrottling', 400],
    ['InternalErrorX', 400],
    ['TimeoutX', undefined],
    // Transport and signing codes: PlayAuthError sets `retryable` itself, the server classifies.
    ['NetworkError', 400],
    ['Timeout', 400],
    ['SignatureNonceUsed', 400],
    ['', undefined],
    [undefined, undefined],
    [undefined, 200],
    [undefined, 499],
  ])('does not retry %s (HTTP %s)', (code, status) => {
    expect(isRetryableVodError(code, status)).toBe(false);
  });
});
