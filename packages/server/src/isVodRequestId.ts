// VOD's RequestIds are UUIDs ("25818875-5F78-4A13-BEF6-D7393642CA58").
const REQUEST_ID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
// VOD's error codes are dotted identifiers ("InvalidVideo.NotFound", "Throttling.User").
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+){0,4}$/;

/**
 * Whether `value` has the shape of a VOD `RequestId` (a UUID). Values copied from an upstream
 * answer reach browsers and logs: one that echoes request headers could carry the AccessKeyId,
 * the STS token or a forged log line, so anything else is dropped.
 *
 * @example
 * ```ts
 * isVodRequestId('25818875-5F78-4A13-BEF6-D7393642CA58'); // true
 * isVodRequestId('x-acs-security-token: ...'); // false
 * ```
 */
export function isVodRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

/**
 * Whether `value` has the shape of a VOD error `Code`: a dotted identifier of at most 64
 * characters (`InvalidVideo.NotFound`, `Throttling.User`).
 *
 * @example
 * ```ts
 * isVodErrorCode('Forbidden.IllegalStatus'); // true
 * isVodErrorCode('Bad\r\nInjected: 1'); // false
 * ```
 */
export function isVodErrorCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && ERROR_CODE.test(value);
}
