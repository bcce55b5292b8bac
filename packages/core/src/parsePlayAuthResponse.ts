import { clampAuthInfoTimeout } from './clampAuthInfoTimeout';
import { sanitizeCoverUrl } from './coverUrl';
import type { PlayAuthCredential } from './PlayAuthCredential';
import { PlayAuthError } from './PlayAuthError';

/** What {@link parsePlayAuthResponse} needs to know about the request that produced the body. */
export interface ParsePlayAuthContext {
  /** The VideoId that was requested. */
  videoId: string;
  /** The `AuthInfoTimeout` that was requested, seconds (clamped to 100..3000 here again). */
  authInfoTimeout: number;
  /** Epoch ms when the request was sent. */
  issuedAt: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a verbatim `GetVideoPlayAuth` response body (PascalCase, as VOD returns it, plus the
 * optional `AuthInfoTimeout` a backend may add) and returns the camelCase credential.
 *
 * Rules: `PlayAuth` non-empty string; `RequestId` string; `VideoMeta` object with `Title`
 * string, `Duration` a non-negative finite number or decimal string (`"12.5"`), `Status` string,
 * optional `VideoId` string that must equal the requested id, optional `CoverURL` kept only if
 * `http:`/`https:` (see {@link sanitizeCoverUrl}). Unknown fields are ignored.
 * `expiresAt = issuedAt + min(requested, AuthInfoTimeout) * 1000`, where the body's
 * `AuthInfoTimeout` counts only when it is a positive number (a backend may grant less).
 *
 * @throws {@link PlayAuthError} `InvalidResponse` naming the first malformed field (with the
 * `requestId` once it is known); `VideoIdMismatch` when the body is for another video: such a
 * credential must never reach a player.
 * @example
 * ```ts
 * const issuedAt = Date.now();
 * const body = await (await fetch(url)).json();
 * const credential = parsePlayAuthResponse(body, { videoId, authInfoTimeout: 300, issuedAt });
 * ```
 */
export function parsePlayAuthResponse(
  body: unknown,
  context: ParsePlayAuthContext,
): PlayAuthCredential {
  const { videoId, issuedAt } = context;
  check(isObject(body), 'body', 'an object');
  const { PlayAuth, RequestId: requestId, VideoMeta: meta, AuthInfoTimeout: granted } = body;
  check(typeof PlayAuth === 'string' && PlayAuth, 'PlayAuth', 'a non-empty string');
  check(typeof requestId === 'string', 'RequestId', 'a string');
  check(isObject(meta), 'VideoMeta', 'an object', requestId);
  const { Title: title, Status: status, VideoId: id } = meta;
  let duration = meta.Duration;
  if (typeof duration === 'string' && /^\d+(\.\d+)?$/.test(duration)) duration = +duration;
  check(typeof title === 'string', 'VideoMeta.Title', 'a string', requestId);
  check(
    typeof duration === 'number' && duration >= 0 && duration < Infinity,
    'VideoMeta.Duration',
    'a number >= 0',
    requestId,
  );
  check(typeof status === 'string', 'VideoMeta.Status', 'a string', requestId);
  check(id === undefined || typeof id === 'string', 'VideoMeta.VideoId', 'a string', requestId);
  if (id !== undefined && id !== videoId) {
    throw new PlayAuthError(
      'VideoIdMismatch',
      `PlayAuth for ${id}, not ${videoId}: fix the backend`,
      { requestId },
    );
  }
  const requested = clampAuthInfoTimeout(context.authInfoTimeout);
  const seconds =
    typeof granted === 'number' && granted > 0 ? Math.min(requested, granted) : requested;
  const coverUrl = sanitizeCoverUrl(meta.CoverURL);
  return {
    videoId,
    playAuth: PlayAuth,
    requestId,
    videoMeta: { videoId, title, duration, ...(coverUrl && { coverUrl }), status },
    issuedAt,
    expiresAt: issuedAt + seconds * 1000,
  };
}

function check(ok: unknown, field: string, rule: string, requestId?: string): asserts ok {
  if (!ok) {
    throw new PlayAuthError(
      'InvalidResponse',
      `Bad PlayAuth response: ${field} must be ${rule}`,
      { requestId },
    );
  }
}
