import type { VideoBodyInput } from './VideoBodyInput';

/** The success body of `GetVideoInfo`: a video's metadata, no credential. */
export interface GetVideoInfoBody {
  RequestId: string;
  Video: {
    VideoId: string;
    Title: string;
    /** Seconds, a number (unlike GetPlayInfo's decimal strings). */
    Duration: number;
    CoverURL?: string;
    Status: string;
    Description?: string;
    /** ISO 8601 UTC, e.g. `2026-01-05T08:00:00Z`. */
    CreationTime?: string;
    /** Bytes of the source file. */
    Size?: number;
  };
}

/** What {@link createVideoInfoBody} describes. GetVideoInfo answers for every status (it mints nothing). */
export interface VideoInfoBodyInput {
  requestId: string;
  video: VideoBodyInput & {
    description?: string;
    size?: number;
  };
}

/**
 * The GetVideoInfo 200 body in VOD's shape (`RequestId`, `Video`), optional fields only when
 * known. The emulator answers with it and the test kit's handlers do too, so both agree.
 *
 * @example
 * ```ts
 * createVideoInfoBody({ requestId, video: { videoId: 'v1', title: 'Intro', duration: 42 } });
 * ```
 */
export function createVideoInfoBody(input: VideoInfoBodyInput): GetVideoInfoBody {
  const { video } = input;
  return {
    RequestId: input.requestId,
    Video: {
      VideoId: video.videoId,
      Title: video.title,
      Duration: video.duration,
      ...(video.coverUrl === undefined ? {} : { CoverURL: video.coverUrl }),
      Status: video.status ?? 'Normal',
      ...(video.description === undefined ? {} : { Description: video.description }),
      ...(video.creationTime === undefined ? {} : { CreationTime: video.creationTime }),
      ...(video.size === undefined ? {} : { Size: video.size }),
    },
  };
}
