// Alibaba publishes both `ServiceUnavailable` and `ServiceUnAvailable`, hence case-insensitive.
// `SignatureNonceUsed` is retryable too: the next attempt is signed with a fresh nonce.
const RETRYABLE_CODE =
  /^(throttling.*|serviceunavailable|internalerror|networkerror|timeout|signaturenonceused)$/i;

/**
 * Whether a failed VOD / PlayAuth call may succeed when tried again later (with backoff).
 *
 * Retryable: HTTP 429 and 5xx, and the codes `Throttling*`, `ServiceUnavailable` (any case,
 * including `ServiceUnAvailable`), `InternalError`, `SignatureNonceUsed`, `NetworkError` and
 * `Timeout`. Everything else (parameter, permission, signature errors, `InvalidVideo.NotFound`,
 * `Forbidden.IllegalStatus`, ...) is not.
 *
 * @param code - The error `Code` (VOD body code or a {@link PlayAuthError} code).
 * @param status - The HTTP status, when there was a response.
 * @example
 * ```ts
 * isRetryableVodError('Throttling.User'); // true
 * isRetryableVodError('InvalidVideo.NotFound', 404); // false
 * ```
 */
export function isRetryableVodError(code: string | undefined, status = 0): boolean {
  // `test(undefined)` reads the string 'undefined', which no retryable code matches.
  return status === 429 || (status > 499 && status < 600) || RETRYABLE_CODE.test(code as string);
}
