import type { EmulatorVideo } from './catalogue';
import { EmulatorError } from './EmulatorError';

// Same rule as @playauth/core's isValidVideoId, kept separate: the emulator depends on nothing.
const VIDEO_ID = /^[\w-]{1,64}$/;

/**
 * Reads and validates the `VideoId` parameter.
 *
 * @throws {@link EmulatorError} `MissingParameter` when absent or empty, `InvalidParameter` when
 * it is not 1-64 characters of `A-Z a-z 0-9 _ -`.
 */
export function readVideoId(params: Readonly<Record<string, string>>): string {
  const videoId = params.VideoId;
  if (videoId === undefined || videoId === '') throw EmulatorError.missingParameter('VideoId');
  if (!VIDEO_ID.test(videoId)) {
    throw EmulatorError.invalidParameter('VideoId', 'use 1-64 characters of A-Z a-z 0-9 _ -');
  }
  return videoId;
}

/**
 * Finds a video that may be played.
 *
 * @throws {@link EmulatorError} `InvalidVideo.NotFound` (404) for an unknown id,
 * `Forbidden.IllegalStatus` (403) unless its status is `Normal`.
 */
export function requirePlayableVideo(
  videos: ReadonlyMap<string, EmulatorVideo>,
  videoId: string,
): EmulatorVideo {
  const video = videos.get(videoId);
  if (!video) throw new EmulatorError('InvalidVideo.NotFound', 404, 'The video does not exist.');
  if (video.status !== 'Normal') {
    throw new EmulatorError(
      'Forbidden.IllegalStatus',
      403,
      `Status of the video is illegal: it is ${video.status}, only Normal videos can be played.`,
    );
  }
  return video;
}

/** The cover URL of a video: its own `coverUrl`, else the emulator's SVG route. */
export function coverUrlOf(video: EmulatorVideo, baseUrl: string): string {
  return video.coverUrl ?? `${baseUrl}/cover/${video.videoId}.svg`;
}
