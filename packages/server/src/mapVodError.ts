import type { GetVideoPlayAuthResponse } from '@playauth/core';
import { isVodErrorCode, isVodRequestId } from './isVodRequestId';
import { isVodApiError } from './VodApiError';

/** Longest `Retry-After` passed on to browsers, seconds, whatever upstream asked. */
export const MAX_RETRY_AFTER_S = 30;

/** An answer of the PlayAuth endpoint before it becomes a `Response`. */
export class HandlerResponse {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    readonly requestId?: string,
  ) {}
}

/** A `Retry-After` value: whole seconds, 1..{@link MAX_RETRY_AFTER_S}, `fallback` when unknown. */
export const retryAfter = (seconds: number | undefined, fallback: number) =>
  `${Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil(seconds ?? fallback)))}`;

/** The PlayAuth answer the browser gets: only the fields of `GetVideoPlayAuth`, checked. */
export function publicBody(body: GetVideoPlayAuthResponse, authInfoTimeout: number) {
  const meta = body.VideoMeta;
  return {
    RequestId: isVodRequestId(body.RequestId) ? body.RequestId : crypto.randomUUID(),
    VideoMeta: {
      VideoId: meta.VideoId,
      Title: meta.Title,
      Duration: meta.Duration,
      ...(meta.CoverURL === undefined ? {} : { CoverURL: meta.CoverURL }),
      Status: meta.Status,
    },
    PlayAuth: body.PlayAuth,
    AuthInfoTimeout: authInfoTimeout,
  };
}

/** The generic 500 of `service` (default the PlayAuth endpoint): details only in the server's log. */
export function internalError(service = 'The PlayAuth endpoint'): HandlerResponse {
  return new HandlerResponse(
    500,
    'InternalError',
    `${service} failed; the server log has details.`,
  );
}

/**
 * Maps a failure to the answer the browser gets; details stay in `onError`. Only a `Code` and a
 * `RequestId` of VOD's own formats are passed on.
 */
export function mapVodError(error: unknown): HandlerResponse {
  if (!isVodApiError(error)) return internalError();
  const id = isVodRequestId(error.requestId) ? error.requestId : undefined;
  const code = isVodErrorCode(error.code) ? error.code : undefined;
  switch (error.kind) {
    case 'notFound':
      return new HandlerResponse(
        404,
        'InvalidVideo.NotFound',
        'No video with this VideoId exists.',
        {},
        id,
      );
    case 'illegalStatus':
      return new HandlerResponse(
        403,
        code ?? 'Forbidden.IllegalStatus',
        'The video is not playable yet (uploading, transcoding, in review or blocked); try again later.',
        {},
        id,
      );
    case 'throttling':
      return new HandlerResponse(
        429,
        code ?? 'Throttling',
        'Too many PlayAuth requests; retry after the Retry-After delay.',
        { 'Retry-After': retryAfter(error.retryAfter, 1) },
        id,
      );
    case 'unavailable':
      return new HandlerResponse(
        503,
        'ServiceUnavailable',
        'The video service is unavailable; retry after the Retry-After delay.',
        { 'Retry-After': retryAfter(error.retryAfter, 3) },
        id,
      );
    case 'timeout':
      return new HandlerResponse(
        504,
        'Timeout',
        'The video service did not answer in time; try again.',
        {},
        id,
      );
    default:
      return new HandlerResponse(
        502,
        'BadGateway',
        'The video service refused the request of this server; the server log has details.',
        {},
        id,
      );
  }
}
