import type { VideoMeta } from './PlayAuthCredential';
import { PlayAuthError } from './PlayAuthError';
import { isObject, readVideoMeta } from './readVideoMeta';
import { isValidVideoId } from './videoId';

/**
 * The {@link VideoMeta} of a `GetVideoInfo` answer (`@playauth/server`'s `vod.getVideoInfo()`),
 * validated like the `VideoMeta` of a credential: `Title` and `Status` strings, `Duration` a
 * number >= 0 (a decimal string is read; absent, as before VOD has analysed an upload, is `0`),
 * `CoverURL` kept only if it is an http(s) URL, so it is safe as an `<img src>`. What it returns
 * holds no credential: render it on the server, cache it, put it in static HTML, and pass it to
 * `<VodPlayer meta>`.
 *
 * @param body - The `GetVideoInfo` answer body (`{ RequestId, Video: { VideoId, Title, ... } }`).
 * @returns `{ videoId, title, duration, coverUrl?, status }`; unknown fields are dropped.
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
        `toVideoMeta: ${field} must be ${rule}; pass the GetVideoInfo answer body ({ RequestId, Video })`,
        { requestId: typeof RequestId === 'string' ? RequestId : undefined },
      );
    }
  };
  check(isObject(Video), 'Video', 'an object');
  const meta = readVideoMeta({ Duration: 0, ...Video }, 'Video', check);
  check(isValidVideoId(Video.VideoId), 'Video.VideoId', 'a VideoId ([A-Za-z0-9_-]{1,64})');
  return { videoId: Video.VideoId, ...meta };
}
