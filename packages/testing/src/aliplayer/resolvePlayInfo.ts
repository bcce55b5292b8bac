import type { AliplayerOptions } from '@playauth/core';
import type { PlayAuthToken } from '@playauth/vod-model';
import { authInfoRefusal, type VodRefusal, videoRefusal } from '@playauth/vod-model';
import { fakePlayInfoBody } from '../vod/fakePlayInfoBody';
import { type FakeVideo, findVideo } from '../vod/findVideo';
import type { FakeAliplayerConfig, FakePlayInfo } from './FakeAliplayerConfig';
import {
  type PlayInfoResult,
  parsePlayInfoBody,
  playInfoError,
  requestPlayInfo,
  SDK_TEXT,
} from './requestPlayInfo';

/** The SDK's handling of a VOD error body: `Code|Message`, code refined from the text. */
function refused(videoId: string, refusal: Pick<VodRefusal, 'code' | 'message'>): PlayInfoResult {
  return {
    ok: false,
    error: playInfoError(videoId, { message: `${refusal.code}|${refusal.message}` }),
  };
}

function isVodError(value: unknown): value is { Code: string; Message?: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { Code?: unknown }).Code === 'string'
  );
}

/**
 * Gets play info for one load, per `config.playInfo` (see {@link FakeAliplayerConfig}): a signed
 * GetPlayInfo request, a resolver, or the offline catalog. With `allFormats` a request for
 * `format: 'm3u8'` asks for every format (so the MP4 twins are known) and keeps the HLS streams.
 */
export async function resolvePlayInfo(
  videoId: string,
  playauth: string,
  token: PlayAuthToken,
  options: AliplayerOptions,
  config: FakeAliplayerConfig,
  playerVersion: string,
  allFormats = false,
): Promise<PlayInfoResult> {
  const source = config.playInfo ?? 'auto';
  if (source === 'request' || (source === 'auto' && options.customVodServer)) {
    return requestPlayInfo(
      {
        videoId,
        token,
        playerVersion,
        format: allFormats && options.format === 'm3u8' ? undefined : options.format,
        definition: options.definition,
        authTimeout: options.authTimeout,
        mediaType: typeof options.mediaType === 'string' ? options.mediaType : undefined,
        outputType: typeof options.outputType === 'string' ? options.outputType : undefined,
        playConfig: options.playConfig,
        customVodServer: options.customVodServer,
        customVodServerFirst: options.customVodServerFirst === true,
      },
      config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      options.format,
    );
  }

  const authRefusal = authInfoRefusal(
    typeof token.AuthInfo === 'string' ? token.AuthInfo : undefined,
    videoId,
    Date.now(),
  );
  if (authRefusal) return refused(videoId, authRefusal);

  if (typeof source === 'function') {
    let answer: FakePlayInfo | { Code: string; Message?: string };
    try {
      answer = await source(videoId, { playauth, token, options });
    } catch {
      return { ok: false, error: playInfoError(videoId, { message: `|${SDK_TEXT.fetchFailed}` }) };
    }
    if (isVodError(answer)) {
      return refused(videoId, { code: answer.Code, message: answer.Message ?? '' });
    }
    return parsePlayInfoBody(
      videoId,
      fakePlayInfoBody(videoId, {
        title: answer.title ?? `Video ${videoId}`,
        duration: answer.duration,
        coverUrl: answer.coverUrl,
        playUrl: answer.url,
        format: answer.format,
      }),
    );
  }

  const video = findVideo(config.videos, videoId);
  const refusal = videoRefusal(video);
  if (refusal) return refused(videoId, refusal);
  // Let the answer arrive asynchronously, as a real request would.
  await Promise.resolve();
  return parsePlayInfoBody(videoId, fakePlayInfoBody(videoId, video as FakeVideo));
}
