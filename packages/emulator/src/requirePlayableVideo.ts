import { videoIdRefusal, videoRefusal } from '@playauth/vod-model';
import { DEFAULT_CREATION_TIME, type EmulatorVideo } from './catalogue';
import { EmulatorError } from './EmulatorError';

/**
 * Reads and validates the `VideoId` parameter.
 *
 * @throws {@link EmulatorError} `MissingParameter` when absent or empty, `InvalidParameter` when
 * it is not 1-64 characters of `A-Z a-z 0-9 _ -`.
 */
export function readVideoId(params: Readonly<Record<string, string>>): string {
  const refusal = videoIdRefusal(params.VideoId);
  if (refusal) throw EmulatorError.fromRefusal(refusal);
  return params.VideoId as string;
}

/**
 * Finds a video that may be played (the shared VOD model's rule: only `Normal` plays).
 *
 * @throws {@link EmulatorError} `InvalidVideo.NotFound` (404) for an unknown id,
 * `Forbidden.IllegalStatus` (403) unless its status is `Normal`.
 */
export function requirePlayableVideo(
  videos: ReadonlyMap<string, EmulatorVideo>,
  videoId: string,
): EmulatorVideo {
  const video = videos.get(videoId);
  const refusal = videoRefusal(video);
  if (refusal) throw EmulatorError.fromRefusal(refusal);
  return video as EmulatorVideo;
}

/** The cover URL of a video: its own `coverUrl`, else the emulator's SVG route. */
export function coverUrlOf(video: EmulatorVideo, baseUrl: string): string {
  return video.coverUrl ?? `${baseUrl}/cover/${video.videoId}.svg`;
}

/**
 * What VOD says about a catalogue video in every answer that describes it (GetVideoInfo's
 * `Video`, GetPlayInfo's `VideoBase`): id, title, duration, status, cover and creation time.
 */
export function describeVideo(video: EmulatorVideo, baseUrl: string) {
  return {
    videoId: video.videoId,
    title: video.title,
    duration: video.duration,
    status: video.status,
    coverUrl: coverUrlOf(video, baseUrl),
    creationTime: video.creationTime ?? DEFAULT_CREATION_TIME,
  };
}
