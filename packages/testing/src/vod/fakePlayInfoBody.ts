import {
  createPlayInfoBody,
  createRequestId,
  type GetPlayInfoBody,
  withHlsUriToken,
} from '@playauth/vod-model';
import type { FakeVideo } from './findVideo';

/** Default play URL of a fake video: a reserved `.invalid` host, never resolved by accident. */
function defaultPlayUrl(videoId: string): string {
  return `https://media.playauth.invalid/${encodeURIComponent(videoId)}.mp4`;
}

/**
 * The GetPlayInfo 200 body for a fake video: `VideoBase` and one 1280x720 stream per definition
 * (default `OD` only) at its `playUrl` (default a `.invalid` URL), format from `format` or the
 * URL's extension, encrypted with `encryptType`. `hlsUriToken` (GetPlayInfo's
 * `PlayConfig.MtsHlsUriToken`) is appended to the play URL as VOD does (`withHlsUriToken`).
 */
export function fakePlayInfoBody(
  videoId: string,
  video: FakeVideo,
  hlsUriToken?: string,
): GetPlayInfoBody {
  const playUrl = withHlsUriToken(video.playUrl ?? defaultPlayUrl(videoId), hlsUriToken);
  const definitions = video.definitions ?? ['OD'];
  return createPlayInfoBody({
    requestId: createRequestId(),
    video: {
      videoId,
      title: video.title,
      duration: video.duration,
      status: video.status ?? 'Normal',
      ...(video.coverUrl === undefined ? {} : { coverUrl: video.coverUrl }),
      outputType: 'cdn',
    },
    streams: definitions.map((definition) => ({
      playUrl: definitions.length > 1 ? `${playUrl}#${definition}` : playUrl,
      format: video.format ?? (/\.m3u8(?:$|\?)/.test(playUrl) ? 'm3u8' : 'mp4'),
      definition,
      width: 1280,
      height: 720,
      duration: video.duration,
      bitrate: 1000,
      ...(video.encryptType === undefined ? {} : { encryptType: video.encryptType }),
    })),
  });
}
