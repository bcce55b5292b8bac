import { createVideoInfoBody, type GetVideoInfoBody, vodRefusal } from '@playauth/vod-model';
import type { ActionContext } from './ActionContext';
import { EmulatorError } from './EmulatorError';
import { describeVideo, readVideoId } from './requirePlayableVideo';

/**
 * The `GetVideoInfo` action: a catalogue video's metadata (title, duration, cover, status,
 * creation time), for any status: it mints nothing, so unlike GetVideoPlayAuth a `Transcoding`
 * or `Blocked` video answers too.
 *
 * @throws {@link EmulatorError} `MissingParameter`, `InvalidParameter`, `InvalidVideo.NotFound`.
 */
export function getVideoInfo(
  params: Readonly<Record<string, string>>,
  ctx: ActionContext,
): GetVideoInfoBody {
  const video = ctx.videos.get(readVideoId(params));
  if (!video) throw EmulatorError.fromRefusal(vodRefusal('InvalidVideo.NotFound'));
  return createVideoInfoBody({
    requestId: ctx.requestId,
    video: describeVideo(video, ctx.baseUrl),
  });
}
