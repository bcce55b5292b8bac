import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  authInfoRefusal,
  createPlayInfoBody,
  type GetPlayInfoBody,
  isoSeconds,
} from '@playauth/vod-model';
import type { ActionContext, Principal } from './ActionContext';
import { EmulatorError } from './EmulatorError';
import { coverUrlOf, readVideoId, requirePlayableVideo } from './requirePlayableVideo';

/** Default and bounds of `AuthTimeout` (play-URL lifetime), seconds, as for OSS output. */
export const AUTH_TIMEOUT = { default: 3600, min: 1, max: 2_592_000 } as const;

const KNOWN_FORMATS = new Set(['mp4', 'm3u8', 'mp3', 'mpd', 'flv']);
const DEFAULT_CREATION_TIME = '2026-01-05T08:00:00Z';

function readAuthTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return AUTH_TIMEOUT.default;
  const seconds = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= AUTH_TIMEOUT.min && seconds <= AUTH_TIMEOUT.max)) {
    throw EmulatorError.invalidParameter(
      'AuthTimeout',
      `must be an integer from ${AUTH_TIMEOUT.min} to ${AUTH_TIMEOUT.max} (seconds)`,
    );
  }
  return seconds;
}

/** Checks the PlayAuth's `AuthInfo` of a request signed with that PlayAuth's STS key. */
function checkAuthInfo(
  params: Readonly<Record<string, string>>,
  principal: Extract<Principal, { kind: 'playauth' }>,
  videoId: string,
  ctx: ActionContext,
): void {
  if (!params.AuthInfo) throw EmulatorError.missingParameter('AuthInfo');
  const info = ctx.issuer.verifyAuthInfo(params.AuthInfo);
  if (!info || info.MediaId !== principal.grant.videoId) {
    throw new EmulatorError(
      'InvalidAuthInfo.Signature',
      403,
      'The AuthInfo is malformed or was not issued with this credential: get a new PlayAuth.',
    );
  }
  const refusal = authInfoRefusal(params.AuthInfo, videoId, ctx.clock.now());
  if (refusal) throw EmulatorError.fromRefusal(refusal);
}

/**
 * The `GetPlayInfo` action, as the Aliplayer SDK calls it with a PlayAuth (or as a backend calls
 * it with an account key, without `AuthInfo`). Answers `VideoBase` and one MP4 stream whose
 * `PlayURL` is the emulator's media route, signed with an `auth_key` valid `AuthTimeout` seconds.
 *
 * @throws {@link EmulatorError} `MissingParameter`, `InvalidParameter`,
 * `InvalidAuthInfo.Signature` / `.ExpireTime` / `.MediaId` (403), `InvalidVideo.NotFound`,
 * `Forbidden.IllegalStatus`, `InvalidVideo.NoneStream` (404).
 */
export async function getPlayInfo(
  params: Readonly<Record<string, string>>,
  principal: Principal,
  ctx: ActionContext,
): Promise<GetPlayInfoBody> {
  const videoId = readVideoId(params);
  if (principal.kind === 'playauth') checkAuthInfo(params, principal, videoId, ctx);
  const authTimeout = readAuthTimeout(params.AuthTimeout);
  const video = requirePlayableVideo(ctx.videos, videoId);
  // The SDK sends `Formats=` (or even "undefined") when the page sets no format: no filter then.
  const formats = (params.Formats ?? '')
    .toLowerCase()
    .split(',')
    .map((f) => f.trim())
    .filter((f) => KNOWN_FORMATS.has(f));
  const media = video.media;
  if (!media || (formats.length > 0 && !formats.includes('mp4'))) {
    throw new EmulatorError(
      'InvalidVideo.NoneStream',
      404,
      `The video has no stream matching the request (the emulator serves mp4 only${formats.length > 0 ? `, Formats=${formats.join(',')}` : ''}).`,
    );
  }
  const { size } = await stat(media.file);
  const path = `/media/${video.videoId}.mp4`;
  const expiresAtSec = Math.floor(ctx.clock.now() / 1000) + authTimeout;
  const creationTime = video.creationTime ?? DEFAULT_CREATION_TIME;
  const created = Date.parse(creationTime);
  return createPlayInfoBody({
    requestId: ctx.requestId,
    video: {
      videoId: video.videoId,
      title: video.title,
      duration: video.duration,
      status: video.status,
      coverUrl: coverUrlOf(video, ctx.baseUrl),
      creationTime,
      outputType: 'oss',
    },
    streams: [
      {
        playUrl: `${ctx.baseUrl}${path}?auth_key=${ctx.mediaSigner.sign(path, expiresAtSec)}`,
        format: 'mp4',
        definition: media.definition ?? 'SD',
        width: media.width,
        height: media.height,
        duration: media.duration,
        bitrate: (size * 8) / 1000 / media.duration,
        size,
        fps: media.fps,
        jobId: createHash('md5').update(`transcode:${video.videoId}`).digest('hex'),
        creationTime,
        modificationTime: Number.isFinite(created) ? isoSeconds(created + 60_000) : creationTime,
      },
    ],
  });
}
