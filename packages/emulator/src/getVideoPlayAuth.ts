import type { ActionContext } from './ActionContext';
import { EmulatorError } from './EmulatorError';
import { coverUrlOf, readVideoId, requirePlayableVideo } from './requirePlayableVideo';

/** The success body of `GetVideoPlayAuth`, as the real API returns it. */
export interface GetVideoPlayAuthBody {
  RequestId: string;
  VideoMeta: {
    VideoId: string;
    Title: string;
    /** Seconds. */
    Duration: number;
    CoverURL: string;
    Status: string;
  };
  PlayAuth: string;
}

/** Default and bounds of `AuthInfoTimeout`, seconds. */
export const AUTH_INFO_TIMEOUT = { default: 100, min: 100, max: 3000 } as const;

/**
 * Reads `AuthInfoTimeout`: absent means 100; otherwise an integer from 100 to 3000.
 *
 * @throws {@link EmulatorError} `InvalidParameter` naming the parameter.
 */
export function readAuthInfoTimeout(value: string | undefined): number {
  if (value === undefined) return AUTH_INFO_TIMEOUT.default;
  const seconds = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= AUTH_INFO_TIMEOUT.min && seconds <= AUTH_INFO_TIMEOUT.max)) {
    throw EmulatorError.invalidParameter(
      'AuthInfoTimeout',
      `must be an integer from ${AUTH_INFO_TIMEOUT.min} to ${AUTH_INFO_TIMEOUT.max} (seconds)`,
    );
  }
  return seconds;
}

/**
 * The `GetVideoPlayAuth` action: validates `VideoId` and `AuthInfoTimeout`, checks the video is
 * playable and issues a PlayAuth valid for `AuthInfoTimeout` seconds of the emulator's clock.
 *
 * @throws {@link EmulatorError} `MissingParameter`, `InvalidParameter`, `InvalidVideo.NotFound`,
 * `Forbidden.IllegalStatus`.
 */
export function getVideoPlayAuth(
  params: Readonly<Record<string, string>>,
  ctx: ActionContext,
): GetVideoPlayAuthBody {
  const videoId = readVideoId(params);
  const timeout = readAuthInfoTimeout(params.AuthInfoTimeout);
  const video = requirePlayableVideo(ctx.videos, videoId);
  const { playAuth } = ctx.issuer.issue(video.videoId, timeout);
  return {
    RequestId: ctx.requestId,
    VideoMeta: {
      VideoId: video.videoId,
      Title: video.title,
      Duration: video.duration,
      CoverURL: coverUrlOf(video, ctx.baseUrl),
      Status: video.status,
    },
    PlayAuth: playAuth,
  };
}
