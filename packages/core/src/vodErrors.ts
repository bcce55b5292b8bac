// Alibaba publishes both `ServiceUnavailable` and `ServiceUnAvailable`, hence case-insensitive.
// Codes of the signing layer (`SignatureNonceUsed`) are the server's concern: @playauth/server
// classifies those itself; a browser only ever sees them behind a 5xx.
const RETRYABLE_CODE = /^(throttling.*|serviceunavailable|internalerror)$/i;

/**
 * Whether a failed VOD / PlayAuth call may succeed when tried again later (with backoff).
 *
 * Retryable: HTTP 429 and 5xx, and the codes `Throttling*`, `ServiceUnavailable` (any case,
 * including `ServiceUnAvailable`) and `InternalError`, whatever the status. Everything else
 * (parameter, permission, signature errors, `InvalidVideo.NotFound`, `Forbidden.IllegalStatus`,
 * ...) is not. A {@link PlayAuthError} carries the verdict in `retryable`; its own transport codes
 * `NetworkError` and `Timeout` are always retryable.
 *
 * @param code - The error `Code` (VOD body code or a {@link PlayAuthError} code).
 * @param status - The HTTP status, when there was a response.
 * @example
 * ```ts
 * isRetryableVodError('Throttling.User'); // true
 * isRetryableVodError('InvalidVideo.NotFound', 404); // false
 * ```
 */
export function isRetryableVodError(code: string | undefined, status?: number): boolean {
  // `test(undefined)` reads the string 'undefined', which no retryable code matches; an absent
  // status compares false.
  return (
    status === 429 ||
    ((status as number) > 499 && (status as number) < 600) ||
    RETRYABLE_CODE.test(code as string)
  );
}
