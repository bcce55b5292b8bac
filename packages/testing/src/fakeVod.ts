import {
  defaultPlayUrl,
  type FakeVideo,
  fakeRequestId,
  PLAYABLE_STATUSES,
} from './createPlayAuthBody';

/** A VOD refusal: HTTP status, `Code` and `Message`. */
export interface VodRefusal {
  status: number;
  code: string;
  message: string;
}

/**
 * A scripted failure: a named VOD error, a network error, or any status and `Code`.
 * - `notFound`: 404 `InvalidVideo.NotFound`
 * - `notReady`: 403 `Forbidden.IllegalStatus`
 * - `throttled`: 429 `Throttling.User`
 * - `serverError`: 503 `ServiceUnavailable`
 * - `network`: the request fails (`HttpResponse.error()`, a `TypeError` in `fetch`)
 */
export type VodFailure =
  | 'notFound'
  | 'notReady'
  | 'throttled'
  | 'serverError'
  | 'network'
  | { status: number; code: string; message?: string };

const NAMED_FAILURES: Record<Exclude<VodFailure, object | 'network'>, VodRefusal> = {
  notFound: { status: 404, code: 'InvalidVideo.NotFound', message: 'The video does not exist.' },
  notReady: {
    status: 403,
    code: 'Forbidden.IllegalStatus',
    message: 'Status of the video is not valid.',
  },
  throttled: {
    status: 429,
    code: 'Throttling.User',
    message: 'Request was denied due to user flow control.',
  },
  serverError: {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The request has failed due to a temporary failure of the server.',
  },
};

/** The refusal a scripted failure stands for (not for `'network'`). */
export function failureRefusal(failure: Exclude<VodFailure, 'network'>): VodRefusal {
  if (typeof failure === 'string') return NAMED_FAILURES[failure];
  return { status: failure.status, code: failure.code, message: failure.message ?? failure.code };
}

/**
 * What VOD's GetPlayInfo says about an `AuthInfo`: expired (403 `InvalidAuthInfo.ExpireTime`, the
 * player's 4002), issued for another video (403 `InvalidAuthInfo.MediaId`), malformed, or fine
 * (`undefined`). An absent or non-JSON AuthInfo without these fields passes, as minimal test
 * PlayAuths have none.
 */
export function authInfoRefusal(
  authInfo: string | undefined,
  videoId: string,
  now: number,
): VodRefusal | undefined {
  let value: { ExpireTime?: unknown; MediaId?: unknown } = {};
  try {
    value = JSON.parse(authInfo || '{}') ?? {};
  } catch {
    return undefined;
  }
  const expires = typeof value.ExpireTime === 'string' ? Date.parse(value.ExpireTime) : NaN;
  if (expires <= now) {
    return { status: 403, code: 'InvalidAuthInfo.ExpireTime', message: 'The AuthInfo is expired.' };
  }
  if (typeof value.MediaId === 'string' && value.MediaId !== videoId) {
    return {
      status: 403,
      code: 'InvalidAuthInfo.MediaId',
      message: 'The AuthInfo does not belong to this VideoId.',
    };
  }
  return undefined;
}

/** VOD's answer for a video that does not exist or cannot be played yet. */
export function videoRefusal(video: FakeVideo | undefined): VodRefusal | undefined {
  if (!video)
    return { status: 404, code: 'InvalidVideo.NotFound', message: 'The video does not exist.' };
  if (video.status && !PLAYABLE_STATUSES.includes(video.status)) {
    return {
      status: 403,
      code: 'Forbidden.IllegalStatus',
      message: 'Status of the video is not valid.',
    };
  }
  return undefined;
}

/** The GetPlayInfo 200 body for a fake video: `VideoBase` and one `PlayInfoList` stream. */
export function playInfoBody(videoId: string, video: FakeVideo): Record<string, unknown> {
  const playUrl = video.playUrl ?? defaultPlayUrl(videoId);
  const format = video.format ?? (/\.m3u8(?:$|\?)/.test(playUrl) ? 'm3u8' : 'mp4');
  const duration = video.duration.toFixed(3);
  return {
    RequestId: fakeRequestId(),
    VideoBase: {
      VideoId: videoId,
      Title: video.title,
      Duration: duration,
      Status: video.status ?? 'Normal',
      MediaType: 'video',
      OutputType: 'cdn',
      ...(video.coverUrl === undefined ? {} : { CoverURL: video.coverUrl }),
    },
    PlayInfoList: {
      PlayInfo: [
        {
          PlayURL: playUrl,
          Definition: 'OD',
          Format: format,
          Width: 1280,
          Height: 720,
          Duration: duration,
          Bitrate: '1000',
          Encrypt: 0,
          StreamType: 'video',
          Status: 'Normal',
        },
      ],
    },
  };
}
