import { sanitizeCoverUrl } from './coverUrl';
import { errorReference } from './errorReference';
import type { VideoMeta } from './PlayAuthCredential';
import { PlayAuthError } from './PlayAuthError';
import { readSeconds } from './readSeconds';
import { isValidVideoId } from './videoId';

/**
 * The {@link VideoMeta} of a `GetVideoInfo` answer (`@playauth/server`'s `vod.getVideoInfo()`),
 * read by the rules `parsePlayAuthResponse` applies to a credential's `VideoMeta`: `Title` and
 * `Status` strings, `Duration` a number >= 0 or a decimal string ({@link readSeconds}; absent,
 * as before VOD has analysed an upload, is `0`), `CoverURL` kept only if it is an http(s) URL
 * ({@link sanitizeCoverUrl}), so it is safe as an `<img src>`. The result holds no credential:
 * render it on the server, cache it, put it in static HTML, pass it to `<VodPlayer meta>`.
 *
 * @param body - The `GetVideoInfo` answer body (`{ RequestId, Video: { VideoId, Title, ... } }`).
 * @returns `{ videoId, title, duration, coverUrl?, status }`; other fields are dropped.
 * @throws {@link PlayAuthError} `InvalidResponse` naming the first malformed field (with the
 * body's `RequestId` when it has one), e.g. when handed a `GetVideoPlayAuth` answer or an error
 * body instead.
 * @example
 * ```ts
 * // A Server Component or route loader (server only: it signs with your AccessKey).
 * const meta = toVideoMeta(await vod.getVideoInfo({ videoId }));
 * // <VodPlayer videoId={videoId} meta={meta} />
 * ```
 */
export function toVideoMeta(body: unknown): VideoMeta {
  const { RequestId, Video } = Object(body);
  const check = (ok: unknown, field: string, rule: string) => {
    if (!ok) {
      throw new PlayAuthError(
        'InvalidResponse',
        (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
          ? `toVideoMeta: ${field} must be ${rule}; pass the GetVideoInfo answer body ({ RequestId, Video })`
          : errorReference('InvalidResponse', field),
        { requestId: typeof RequestId === 'string' ? RequestId : undefined },
      );
    }
  };
  check(typeof Video === 'object' && Video !== null && !Array.isArray(Video), 'Video', 'an object');
  const { VideoId: videoId, Title: title, Status: status, Duration = 0, CoverURL } = Video;
  const duration = readSeconds(Duration);
  check(isValidVideoId(videoId), 'Video.VideoId', 'a VideoId ([A-Za-z0-9_-]{1,64})');
  check(typeof title === 'string', 'Video.Title', 'a string');
  check(duration >= 0, 'Video.Duration', 'a number >= 0');
  check(typeof status === 'string', 'Video.Status', 'a string');
  const coverUrl = sanitizeCoverUrl(CoverURL);
  return { videoId, title, duration, ...(coverUrl && { coverUrl }), status };
}
