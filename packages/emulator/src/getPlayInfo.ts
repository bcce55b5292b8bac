import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  authInfoRefusal,
  createPlayInfoBody,
  type GetPlayInfoBody,
  isoSeconds,
  type PlayInfoStreamInput,
  selectPlayInfoStreams,
} from '@playauth/vod-model';
import type { ActionContext, Principal } from './ActionContext';
import { EmulatorError } from './EmulatorError';
import { describeVideo, readVideoId, requirePlayableVideo } from './requirePlayableVideo';

/** Default and bounds of `AuthTimeout` (play-URL lifetime), seconds, as for OSS output. */
export const AUTH_TIMEOUT = { default: 3600, min: 1, max: 2_592_000 } as const;

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

/** Reads an enumerated parameter: absent or empty gives `fallback`, another value is refused. */
function readChoice<T extends string>(
  params: Readonly<Record<string, string>>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = params[name];
  if (value === undefined || value === '') return fallback;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw EmulatorError.invalidParameter(name, `must be one of ${allowed.join(', ')}`);
  return found;
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
 * it with an account key, without `AuthInfo`). Answers `VideoBase` and the video's streams
 * (with renditions: MP4 and HLS in each definition; without: the one MP4) that `Formats` and
 * `Definition` select, lowest definition first, each `PlayURL` on the emulator's media route
 * signed with an `auth_key` valid `AuthTimeout` seconds. `OutputType` (`oss`/`cdn`) is echoed in
 * `VideoBase`; `ResultType` (`Single`/`Multiple`) is checked (one transcode per stream here).
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
  // One transcode per definition and format here, so `Single` and `Multiple` list the same.
  readChoice(params, 'ResultType', ['Single', 'Multiple'], 'Single');
  const outputType = readChoice(params, 'OutputType', ['oss', 'cdn'], 'oss');
  const video = requirePlayableVideo(ctx.videos, videoId);
  const media = video.media;
  const prepared = media ? ctx.renditionsOf(video) : undefined;
  const expiresAtSec = Math.floor(ctx.clock.now() / 1000) + authTimeout;
  const described = describeVideo(video, ctx.baseUrl);
  const { creationTime } = described;
  const created = Date.parse(creationTime);
  const modificationTime = Number.isFinite(created) ? isoSeconds(created + 60_000) : creationTime;
  const signed = (path: string) =>
    `${ctx.baseUrl}${path}?auth_key=${ctx.mediaSigner.sign(path, expiresAtSec)}`;
  const common = (definition: string, format: string) => ({
    jobId: createHash('md5')
      .update(`transcode:${video.videoId}:${definition}:${format}`)
      .digest('hex'),
    creationTime,
    modificationTime,
    ...(media ? { fps: media.fps } : {}),
  });
  const candidates: PlayInfoStreamInput[] = [];
  if (media && prepared) {
    for (const r of prepared.renditions) {
      const base = `/media/${video.videoId}/${r.definition}`;
      const shape = { definition: r.definition, width: r.width, height: r.height };
      const files = [
        ['mp4', 'video.mp4', r.mp4Size],
        ['m3u8', 'index.m3u8', r.hlsSize],
      ] as const;
      for (const [format, name, size] of files) {
        candidates.push({
          ...shape,
          ...common(r.definition, format),
          format,
          playUrl: signed(`${base}/${name}`),
          duration: r.duration,
          size,
          bitrate: (size * 8) / 1000 / r.duration,
        });
      }
    }
  } else if (media) {
    const { size } = await stat(media.file);
    const definition = media.definition ?? 'SD';
    candidates.push({
      ...common(definition, 'mp4'),
      playUrl: signed(`/media/${video.videoId}.mp4`),
      format: 'mp4',
      definition,
      width: media.width,
      height: media.height,
      duration: media.duration,
      bitrate: (size * 8) / 1000 / media.duration,
      size,
      // The single-MP4 catalogue keeps its historical JobId.
      jobId: createHash('md5').update(`transcode:${video.videoId}`).digest('hex'),
    });
  }
  const streams = selectPlayInfoStreams(candidates, {
    formats: params.Formats,
    definitions: params.Definition,
  });
  if (streams.length === 0) {
    const asked = [
      params.Formats ? `Formats=${params.Formats.slice(0, 40)}` : '',
      params.Definition ? `Definition=${params.Definition.slice(0, 40)}` : '',
    ].filter(Boolean);
    const has = [...new Set(candidates.map((c) => `${c.definition}/${c.format}`))].join(', ');
    throw new EmulatorError(
      'InvalidVideo.NoneStream',
      404,
      `The video has no stream matching the request (it has ${has || 'none'}${asked.length > 0 ? `; asked ${asked.join(', ')}` : ''}).`,
    );
  }
  return createPlayInfoBody({
    requestId: ctx.requestId,
    video: { ...described, outputType },
    streams,
  });
}
