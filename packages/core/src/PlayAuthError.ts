/**
 * Codes a {@link PlayAuthError} can carry. VOD and gateway codes (e.g. `InvalidVideo.NotFound`,
 * `Forbidden.IllegalStatus`, `Throttling.User`) pass through verbatim, so the type stays open.
 */
export type PlayAuthErrorCode =
  | 'InvalidParameter'
  | 'InvalidResponse'
  | 'VideoIdMismatch'
  | 'NetworkError'
  | 'Timeout'
  | 'Expired'
  | 'SdkLoadFailed'
  | 'PlayerError'
  | 'InvalidVideo.NotFound'
  | 'Forbidden.IllegalStatus'
  | 'Forbidden.NotAuthorized'
  | `Http${number}`
  | (string & {});

/** Construction options of {@link PlayAuthError}. */
export interface PlayAuthErrorOptions {
  /** HTTP status of the failed response, when there was one. */
  status?: number;
  /** VOD `RequestId` of the failed call: quote it to Alibaba Cloud support. */
  requestId?: string;
  /** Whether trying again later may succeed. Default `false`. */
  retryable?: boolean;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error type of playauth. `code` is stable and machine-readable; `message` says what
 * went wrong and what to do; `retryable` tells whether a later attempt may succeed.
 *
 * @example
 * ```ts
 * try { await fetchPlayAuth({ endpoint: '/api/play-auth', videoId }); }
 * catch (e) { if (isPlayAuthError(e) && e.code === 'InvalidVideo.NotFound') showNotFound(); }
 * ```
 */
export class PlayAuthError extends Error {
  override readonly name = 'PlayAuthError';
  // `declare`: assigned below; field initialisers would only add bytes to every bundle.
  declare readonly code: PlayAuthErrorCode;
  declare readonly status?: number;
  declare readonly requestId?: string;
  declare readonly retryable: boolean;

  constructor(code: PlayAuthErrorCode, message: string, options: PlayAuthErrorOptions = {}) {
    // `cause` is set only when the options carry that key, as with a plain `Error`.
    super(message, options);
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = !!options.retryable;
  }
}

/** Type guard for {@link PlayAuthError}, also across bundle copies (checks the name and code). */
export function isPlayAuthError(value: unknown): value is PlayAuthError {
  return (
    value instanceof PlayAuthError ||
    (value instanceof Error &&
      value.name === 'PlayAuthError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
