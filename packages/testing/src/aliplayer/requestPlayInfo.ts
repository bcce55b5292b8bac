import type { AliplayerErrorData } from '@playauth/core';
import { buildGetPlayInfoUrl, type GetPlayInfoRequest } from '../vod/buildGetPlayInfoUrl';

/**
 * One stream as the SDK lists it after GetPlayInfo (its `getItem` shape, `paramData` of
 * `sourceloaded`): values copied from the `PlayInfo` item as VOD sent them, so `duration` and
 * `bitrate` are usually strings (`"12.000"`).
 */
export interface PlayInfoStream {
  Url: string;
  definition: string;
  format: string;
  /** The definition's label (the SDK's `QualityLevels[definition]`). */
  desc?: string;
  width?: unknown;
  height?: unknown;
  /** Seconds, as sent (`"12.000"` or a number). */
  duration?: unknown;
  bitrate?: unknown;
  encrypt?: unknown;
}

/** `paramData` of `playInfoLoaded`, shaped like the SDK's. */
export interface PlayInfoLoadedData {
  requestId: string;
  /** Playable streams, the preferred format only (mp4, else m3u8, else any). */
  urls: PlayInfoStream[];
  encryptUrlArr: PlayInfoStream[];
  thumbnailUrl: string;
  coverUrl?: string;
  /** The raw `PlayInfoList.PlayInfo` items. */
  playInfoAry: Record<string, unknown>[];
}

/** What the fake keeps from a successful GetPlayInfo. */
export interface LoadedPlayInfo {
  data: PlayInfoLoadedData;
  title?: string;
  /** `VideoBase.Duration`, seconds. */
  duration?: number;
}

/** A failed load: the `error` payload to emit. */
export type PlayInfoResult =
  | { ok: true; info: LoadedPlayInfo }
  | { ok: false; error: AliplayerErrorData };

/** Texts of the SDK's `en-us` language pack. */
export const SDK_TEXT = {
  fetchFailed: 'Error occured when fetch urls from vod service\uff0cplease close or refresh',
  expired: 'Playauth expired, please close or refresh',
  decode: 'PlayAuth parsing error \u2014 please provide the correct parameters',
  notFound: 'Data is not found',
  empty: 'The url is empty',
  network: 'Loading failed due to network error',
  play: 'Error occured while playing',
} as const;

/** SDK error codes (`ErrorCode` in aliplayer-min.js). */
export const SDK_ERROR = {
  AuthKeyExpired: 4002,
  EncryptVideoNotSupport: 4010,
  PlayauthDecode: 4012,
  NetworkError: 4016,
  URLsIsEmpty: 4017,
  MediaNotFound: 4020,
  VodNonceUsed: 4024,
  UrlForbidden: 4025,
  LicenseEmpty: 4036,
  LicenseKeyInvalid: 4039,
  RequestDataError: 4009,
  OtherError: 4400,
  ServerAPIError: 4500,
} as const;

/**
 * Builds an `error` payload the way the SDK's `_mtsError_message` does: the code is refined from
 * the message (`*.Expired`/`*.ExpireTime` -> 4002, `SignatureNonceUsed` -> 4024, ...) and
 * `display_msg` is the localised text plus `</br>` plus the message.
 */
export function playInfoError(
  videoId: string | undefined,
  failure: { code?: number; message?: string; display?: string; requestId?: string },
): AliplayerErrorData {
  const message = failure.message || 'OTHER_ERR_MSG';
  let code: number = failure.code || SDK_ERROR.ServerAPIError;
  let display = failure.display ?? '';
  if (message.includes('InvalidParameter.Rand') || message.includes('"Rand" is not valid.')) {
    code = SDK_ERROR.EncryptVideoNotSupport;
  } else if (message.includes('.Expired') || message.includes('.ExpireTime')) {
    code = SDK_ERROR.AuthKeyExpired;
    display = SDK_TEXT.expired;
  } else if (message.includes('InvalidVideo.NoneStream')) {
    code = SDK_ERROR.URLsIsEmpty;
  } else if (message.includes('SignatureNonceUsed')) {
    code = SDK_ERROR.VodNonceUsed;
  } else if (message.includes('DataNotFound')) {
    code = SDK_ERROR.MediaNotFound;
    display = SDK_TEXT.notFound;
  }
  const error: AliplayerErrorData = {
    mediaId: videoId ?? '',
    mediaAuth: '',
    error_code: code,
    error_msg: message,
    vt: 0,
  };
  if (failure.requestId) error.sri = failure.requestId;
  error.display_msg =
    display && display === message ? display : `${display || SDK_TEXT.fetchFailed}</br>${message}`;
  return error;
}

const FORMAT_PREFERENCE = ['mp3', 'mp4', 'm3u8'];

function toStream(item: Record<string, unknown>): PlayInfoStream {
  const definition = String(item.Definition ?? '');
  const stream: PlayInfoStream = {
    width: item.Width,
    height: item.Height,
    definition,
    Url: String(item.PlayURL ?? ''),
    format: String(item.Format ?? ''),
    desc: definition,
    encrypt: item.Encrypt,
    duration: item.Duration,
    bitrate: item.Bitrate,
  };
  for (const key of Object.keys(stream) as (keyof PlayInfoStream)[]) {
    if (stream[key] === undefined) delete stream[key];
  }
  return stream;
}

/**
 * Turns a GetPlayInfo 200 body into the SDK's play-info shape, keeping only the preferred format
 * (mp3, then mp4, then m3u8, then the rest) in PlayInfo order, as the SDK's ascending sort does.
 * `format` (when the body has it) is kept instead: what the SDK gets when it asks for that format.
 */
export function parsePlayInfoBody(videoId: string, body: unknown, format?: string): PlayInfoResult {
  const value = body as {
    RequestId?: string;
    VideoBase?: Record<string, unknown>;
    PlayInfoList?: { PlayInfo?: Record<string, unknown>[] };
  } | null;
  if (!value?.VideoBase || !Array.isArray(value.PlayInfoList?.PlayInfo)) {
    return { ok: false, error: playInfoError(videoId, { message: 'Invalid VOD response.' }) };
  }
  const items = value.PlayInfoList.PlayInfo;
  // The SDK's VOD path keeps encrypted streams (HLS standard encryption plays through hls.js).
  const streams = items.map(toStream);
  const kept = [format, ...FORMAT_PREFERENCE].find((f) => streams.some((s) => s.format === f));
  const urls = streams.filter((s) => (kept ? s.format === kept : true));
  if (urls.length === 0) {
    return {
      ok: false,
      error: playInfoError(videoId, { code: SDK_ERROR.URLsIsEmpty, message: SDK_TEXT.empty }),
    };
  }
  const base = value.VideoBase;
  return {
    ok: true,
    info: {
      data: {
        requestId: String(value.RequestId ?? ''),
        urls,
        encryptUrlArr: [],
        thumbnailUrl: '',
        coverUrl: typeof base.CoverURL === 'string' ? base.CoverURL : undefined,
        playInfoAry: items,
      },
      title: typeof base.Title === 'string' ? base.Title : undefined,
      duration: base.Duration === undefined ? undefined : Number(base.Duration),
    },
  };
}

type Target = 'custom' | 'main' | 'backup';

/**
 * The SDK's host plan: two attempts per host, `customVodServer` first only with
 * `customVodServerFirst`, else after `vod.<Region>` and `vod-product.<Region>`.
 */
function targets(request: GetPlayInfoRequest): Target[] {
  const order: Target[] = !request.customVodServer
    ? ['main', 'backup']
    : request.customVodServerFirst
      ? ['custom', 'main', 'backup']
      : ['main', 'backup', 'custom'];
  return order.flatMap((target) => [target, target]);
}

/** One GET with a fresh nonce and the SDK's 5 s timeout; `undefined` on a network failure. */
async function attempt(
  request: GetPlayInfoRequest,
  target: Target,
  fetchImpl: typeof fetch,
): Promise<{ status: number; text: string } | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const url = await buildGetPlayInfoUrl({
      ...request,
      customVodServer: target === 'custom' ? request.customVodServer : undefined,
      backupHost: target === 'backup',
    });
    const response = await fetchImpl(url, { method: 'GET', signal: controller.signal });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends the signed GetPlayInfo request like the SDK: GET, 5 s timeout, and on a network failure
 * or a 5xx without a `RequestId` the next attempt 200 ms later along the host plan (see
 * {@link targets}). A VOD error body `{ Code, Message, RequestId }` becomes `Code|Message` with
 * the SDK's code refinement; spent retries become 4500.
 */
export async function requestPlayInfo(
  request: GetPlayInfoRequest,
  fetchImpl: typeof fetch,
  format?: string,
): Promise<PlayInfoResult> {
  let answer: { status: number; text: string } | undefined;
  for (const [index, target] of targets(request).entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    answer = await attempt(request, target, fetchImpl);
    const retry = !answer || (answer.status >= 500 && !answer.text.includes('RequestId'));
    if (!retry) break;
  }
  if (!answer) {
    return {
      ok: false,
      error: playInfoError(request.videoId, { message: `|${SDK_TEXT.fetchFailed}` }),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  if (answer.status !== 200) {
    const vod = (body ?? {}) as { Code?: string; Message?: string; RequestId?: string };
    const message = `${vod.Code ?? ''}|${vod.Message ?? SDK_TEXT.fetchFailed}`;
    return {
      ok: false,
      error: playInfoError(request.videoId, { message, requestId: vod.RequestId }),
    };
  }
  return parsePlayInfoBody(request.videoId, body, format);
}
