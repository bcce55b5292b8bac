import { clampAuthInfoTimeout } from './clampAuthInfoTimeout';
import { sanitizeCoverUrl } from './coverUrl';
import { errorReference } from './errorReference';
import type { PlayAuthCredential } from './PlayAuthCredential';
import { PlayAuthError } from './PlayAuthError';
import { readSeconds } from './readSeconds';
import { isRetryableVodError } from './vodErrors';

/** What {@link parsePlayAuthResponse} needs to know about the request that produced the body. */
export interface ParsePlayAuthContext {
  /** The VideoId that was requested. */
  videoId: string;
  /** The `AuthInfoTimeout` that was requested, seconds (clamped to 100..3000 here again). */
  authInfoTimeout: number;
  /** Epoch ms when the request was sent. */
  issuedAt: number;
}

/** What a checked field must be when not a string (development messages only). */
const RULES: Partial<Record<string, string>> = {
  body: 'a JSON object',
  PlayAuth: 'a non-empty string',
  VideoMeta: 'an object',
  'VideoMeta.Duration': 'a number >= 0',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a verbatim `GetVideoPlayAuth` response body (PascalCase, as VOD returns it, plus the
 * optional `AuthInfoTimeout` a backend may add) and returns the camelCase credential.
 *
 * Rules: `PlayAuth` non-empty string; `RequestId` string; `VideoMeta` object with `Title`
 * string, `Duration` a non-negative finite number or decimal string (`"12.5"`, {@link readSeconds}), `Status` string,
 * optional `VideoId` string that must equal the requested id, optional `CoverURL` kept only if
 * `http:`/`https:` (see {@link sanitizeCoverUrl}); optional `MtsHlsUriToken` (the HLS encryption
 * token a backend adds, opaque) passed on as sent as `hlsUriToken`. Unknown fields are ignored.
 * `expiresAt = issuedAt + min(requested, AuthInfoTimeout) * 1000`, where the body's
 * `AuthInfoTimeout` counts only when it is a positive number (a backend may grant less).
 *
 * @param body - The parsed JSON body (`undefined` when the response was not JSON).
 * @param status - The HTTP status of the response, when there was one. Non-2xx: the body is read
 * as a VOD error `{ Code, Message, RequestId }` and thrown (see below); it is also set on every
 * error thrown.
 * @throws {@link PlayAuthError} `InvalidResponse` naming the first malformed field (with the
 * `requestId` once it is known); `VideoIdMismatch` when the body is for another video: such a
 * credential must never reach a player. For a non-2xx `status`: the body's `Code` (else
 * `Http<status>`), with `requestId` and `retryable` (see {@link isRetryableVodError}).
 * @example
 * ```ts
 * const issuedAt = Date.now();
 * const response = await fetch(url);
 * const body = await response.json().catch(() => undefined);
 * const context = { videoId, authInfoTimeout: 300, issuedAt };
 * const credential = parsePlayAuthResponse(body, context, response.status);
 * ```
 */
export function parsePlayAuthResponse(
  body: unknown,
  context: ParsePlayAuthContext,
  status?: number,
): PlayAuthCredential {
  const { videoId, issuedAt } = context;
  // `Object()` reads fields of any JSON value, or of nothing, without throwing.
  const {
    PlayAuth,
    RequestId,
    VideoMeta: meta,
    AuthInfoTimeout: granted,
    Code,
    Message = '',
  } = Object(body);
  const requestId: string | undefined = typeof RequestId === 'string' ? RequestId : undefined;
  const fail = (code: string, message: string) =>
    new PlayAuthError(code, message, {
      status,
      requestId,
      retryable: isRetryableVodError(code, status),
    });
  const check = (ok: unknown, field: string) => {
    if (!ok) {
      throw fail(
        'InvalidResponse',
        (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
          ? `${field} must be ${RULES[field] ?? 'a string'}`
          : errorReference('InvalidResponse', field),
      );
    }
  };
  // `Response.ok` is 200..299; fetch never exposes a 1xx.
  if ((status as number) > 299) {
    throw fail(
      typeof Code === 'string' && Code ? Code : `Http${status}`,
      `HTTP ${status} for ${videoId}: ${Message}`,
    );
  }
  check(isObject(body), 'body');
  check(typeof PlayAuth === 'string' && PlayAuth, 'PlayAuth');
  check(requestId !== undefined, 'RequestId');
  check(isObject(meta), 'VideoMeta');
  const { Title: title, Status: videoStatus, VideoId: id, Duration } = meta;
  const duration = readSeconds(Duration);
  check(typeof title === 'string', 'VideoMeta.Title');
  check(duration >= 0, 'VideoMeta.Duration');
  check(typeof videoStatus === 'string', 'VideoMeta.Status');
  if (id !== undefined && id !== videoId) {
    check(typeof id === 'string', 'VideoMeta.VideoId');
    throw fail(
      'VideoIdMismatch',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `PlayAuth for ${id}, not ${videoId}: fix the backend`
        : errorReference('VideoIdMismatch'),
    );
  }
  const requested = clampAuthInfoTimeout(context.authInfoTimeout);
  const seconds =
    typeof granted === 'number' && granted > 0 ? Math.min(requested, granted) : requested;
  const coverUrl = sanitizeCoverUrl(meta.CoverURL);
  return {
    videoId,
    playAuth: PlayAuth,
    hlsUriToken: (body as { MtsHlsUriToken?: string }).MtsHlsUriToken,
    requestId: requestId as string,
    videoMeta: { videoId, title, duration, ...(coverUrl && { coverUrl }), status: videoStatus },
    issuedAt,
    expiresAt: issuedAt + seconds * 1000,
  };
}
