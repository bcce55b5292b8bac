/**
 * How a failed VOD call is handled, from {@link classifyVodError}:
 *
 * - `throttling`: `Throttling*` codes or HTTP 429 (retryable);
 * - `unavailable`: `ServiceUnavailable` (any case), `InternalError`, `SignatureNonceUsed`, other
 *   5xx, and `NetworkError` (retryable);
 * - `timeout`: the call did not answer within `timeoutMs` (retryable);
 * - `notFound`: `InvalidVideo.NotFound`;
 * - `illegalStatus`: `Forbidden.IllegalStatus` (the video is not playable yet);
 * - `parameter`: `InvalidParameter`, `MissingParameter` and the like;
 * - `configuration`: signature, AccessKey, STS token, clock, RAM permission errors and our own
 *   `InvalidConfiguration`: the backend is set up wrong;
 * - `invalidResponse`: the answer was not the JSON VOD sends;
 * - `other`: anything else.
 */
export type VodErrorKind =
  | 'throttling'
  | 'unavailable'
  | 'timeout'
  | 'notFound'
  | 'illegalStatus'
  | 'parameter'
  | 'configuration'
  | 'invalidResponse'
  | 'other';

/** Result of {@link classifyVodError}. */
export interface VodErrorClass {
  kind: VodErrorKind;
  /** Whether the same call may succeed later (retry with backoff, a new nonce and a new date). */
  retryable: boolean;
}

// Alibaba publishes both `ServiceUnavailable` and `ServiceUnAvailable`: compare lower-cased.
const UNAVAILABLE = new Set([
  'serviceunavailable',
  'internalerror',
  'signaturenonceused',
  'networkerror',
]);
const CONFIGURATION =
  /^(?:signaturedoesnotmatch|incompletesignature|invalidaccesskeyid.*|invalidsecuritytoken.*|invalidtimestamp.*|forbidden(?:\..*)?|nopermission.*|accessdenied.*|invalidconfiguration|invalidapi.*|invalidaction.*|invalidversion.*|unsupportedsignature.*|signaturenoncerequired)$/;
const PARAMETER = /^(?:invalidparameter.*|missingparameter.*|missing.+|invalid.+\.malformed)$/;

/**
 * Sorts a VOD error by what a caller should do about it. Codes are compared case-insensitively,
 * as the published tables disagree on spelling (`ServiceUnAvailable` vs `ServiceUnavailable`).
 *
 * Retryable: `Throttling*`, `ServiceUnavailable`, `InternalError`, `SignatureNonceUsed` (the next
 * try has a fresh nonce), `NetworkError`, `Timeout`, HTTP 429 and any 5xx. Not retryable:
 * signature, AccessKey, permission and parameter errors, `InvalidVideo.NotFound`,
 * `Forbidden.IllegalStatus`.
 *
 * @param code - The error `Code` from the VOD body (or one of this package's codes).
 * @param status - The HTTP status, when there was a response.
 * @example
 * ```ts
 * classifyVodError('ServiceUnAvailable', 503); // { kind: 'unavailable', retryable: true }
 * classifyVodError('InvalidVideo.NotFound', 404); // { kind: 'notFound', retryable: false }
 * ```
 */
export function classifyVodError(code: string | undefined, status?: number): VodErrorClass {
  const c = (code ?? '').toLowerCase();
  if (c.startsWith('throttling') || status === 429) return { kind: 'throttling', retryable: true };
  if (c === 'timeout') return { kind: 'timeout', retryable: true };
  if (UNAVAILABLE.has(c)) return { kind: 'unavailable', retryable: true };
  if (c === 'invalidvideo.notfound') return { kind: 'notFound', retryable: false };
  if (c === 'forbidden.illegalstatus') return { kind: 'illegalStatus', retryable: false };
  if (CONFIGURATION.test(c)) return { kind: 'configuration', retryable: false };
  if (PARAMETER.test(c)) return { kind: 'parameter', retryable: false };
  const serverSide = status !== undefined && status >= 500 && status <= 599;
  if (c === 'invalidresponse') return { kind: 'invalidResponse', retryable: serverSide };
  if (serverSide) return { kind: 'unavailable', retryable: true };
  return { kind: 'other', retryable: false };
}

/** Construction options of {@link VodApiError}. */
export interface VodApiErrorOptions {
  /** HTTP status of the failed response, when there was one. */
  status?: number;
  /** VOD `RequestId` of the failed call: quote it to Alibaba Cloud support. */
  requestId?: string;
  /** Seconds the gateway asked us to wait (`Retry-After` / `x-acs-retry-after`), when it did. */
  retryAfter?: number;
  /** Overrides the retryability {@link classifyVodError} derives from `code` and `status`. */
  retryable?: boolean;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * An error of the VOD API or of the call to it, thrown by the VOD client and by this package's
 * setup functions. `code` is VOD's `Code` verbatim (`InvalidVideo.NotFound`,
 * `Forbidden.IllegalStatus`, `Throttling.User`, `SignatureDoesNotMatch`, ...) or one of ours:
 * `Timeout`, `NetworkError`, `InvalidResponse`, `InvalidParameter`, `InvalidConfiguration`.
 *
 * The message never contains the AccessKey, secret, security token or signature.
 *
 * @example
 * ```ts
 * try { await vod.getVideoPlayAuth({ videoId }); }
 * catch (e) {
 *   if (isVodApiError(e) && e.kind === 'notFound') return new Response(null, { status: 404 });
 *   throw e;
 * }
 * ```
 */
export class VodApiError extends Error {
  override readonly name = 'VodApiError';
  readonly code: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfter?: number;
  readonly retryable: boolean;
  /** What kind of failure this is, see {@link classifyVodError}. */
  readonly kind: VodErrorKind;

  constructor(code: string, message: string, options: VodApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { kind, retryable } = classifyVodError(code, options.status);
    this.code = code;
    this.kind = kind;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryAfter = options.retryAfter;
    this.retryable = options.retryable ?? retryable;
  }
}

/** Type guard for {@link VodApiError}, also across bundle copies (checks the name and code). */
export function isVodApiError(value: unknown): value is VodApiError {
  return (
    value instanceof VodApiError ||
    (value instanceof Error &&
      value.name === 'VodApiError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
