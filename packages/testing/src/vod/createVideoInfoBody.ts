import {
  createRequestId,
  type GetVideoInfoBody,
  createVideoInfoBody as videoInfoBody,
} from '@playauth/vod-model';
import type { FakeVideo } from './findVideo';

/** Options of {@link createVideoInfoBody}. */
export interface CreateVideoInfoBodyOptions {
  /** The video's metadata. Default: title `Video <id>`, 60 s, status `Normal`. */
  video?: Partial<FakeVideo>;
  /** Default a random upper-case UUID. */
  requestId?: string;
}

/**
 * VOD's `GetVideoInfo` 200 body (`{ RequestId, Video }`) for a fake video, as the emulator
 * answers it (one builder shared by both): what `vod.getVideoInfo()` of `@playauth/server`
 * returns and `toVideoMeta` reads. For hand-written handlers and server-side tests.
 *
 * @example
 * ```ts
 * const meta = toVideoMeta(createVideoInfoBody('v1', { video: { title: 'Intro', duration: 42 } }));
 * ```
 */
export function createVideoInfoBody(
  videoId: string,
  options: CreateVideoInfoBodyOptions = {},
): GetVideoInfoBody {
  const video = { title: `Video ${videoId}`, duration: 60, ...options.video };
  return videoInfoBody({
    requestId: options.requestId ?? createRequestId(),
    video: {
      videoId,
      title: video.title,
      duration: video.duration,
      status: video.status,
      coverUrl: video.coverUrl,
    },
  });
}
