import { clampAuthInfoTimeout, isValidVideoId } from '@playauth/core';
import { createRequestId, type VodRefusal, videoRefusal, vodRefusal } from '@playauth/vod-model';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import type { CreatePlayAuthOptions } from '../vod/createPlayAuth';
import { createPlayAuthBody } from '../vod/createPlayAuthBody';
import type { VodFailure, VodFailures } from '../vod/failureRefusal';
import { type FakeVideoCatalog, findVideo } from '../vod/findVideo';
import { scriptedFailureResponse } from './scriptedFailureResponse';

/** A scripted failure of the credential endpoint (see {@link VodFailure}). */
export type PlayAuthFailure = VodFailure;

/** What a failure rule or `onRequest` learns about a request. */
export interface PlayAuthRequestInfo {
  videoId: string;
  /** The validity requested (clamped to 100..3000), before the handler's override. */
  authInfoTimeout: number;
  /** 1 for the first request for this video id since the handlers were created. */
  attempt: number;
  request: Request;
}

/** Options of {@link playAuthHandlers}. */
export interface PlayAuthHandlersOptions {
  /**
   * Path or URL to answer (an msw path: relative paths resolve against `location` in browsers
   * and jsdom; in plain Node pass an absolute URL or `'*\/api/play-auth'`). Default
   * `'/api/play-auth'`.
   */
  endpoint?: string | RegExp;
  /** Known videos. Default: every valid id exists (title `Video <id>`, 60 s). */
  videos?: FakeVideoCatalog;
  /**
   * Validity of minted credentials in seconds: a number replaces the requested one (e.g. `100`
   * to watch refreshes quickly), a function maps it. Default: the requested `AuthInfoTimeout`
   * clamped to 100..3000 (100 when absent), like `createPlayAuthHandler`.
   */
  authInfoTimeout?: number | ((requested: number) => number);
  /** Failures by video id, or a function deciding per request (return `undefined` to succeed). */
  failures?: VodFailures<PlayAuthRequestInfo>;
  /** Answer after this many ms (msw `delay`), or a function of the request. Default 0. */
  delayMs?: number | ((info: PlayAuthRequestInfo) => number);
  /** Called for every valid request, before it is answered (count calls, assert headers). */
  onRequest?: (info: PlayAuthRequestInfo) => void;
  /**
   * Add an `MtsHlsUriToken` to each answer, as `createPlayAuthHandler({ hlsEncryption })` does:
   * `true` for an opaque fake token (`fake-hls.<videoId>.<attempt>`, different per request), or
   * a function of the request. Default: none.
   */
  hlsUriToken?: boolean | ((info: PlayAuthRequestInfo) => string | undefined);
  /** Identity written into minted PlayAuths (keys, region). Defaults: the test identity. */
  credentials?: Pick<
    CreatePlayAuthOptions,
    'accessKeyId' | 'accessKeySecret' | 'region' | 'customerId'
  >;
}

function vodError(refusal: VodRefusal): Response {
  return HttpResponse.json(
    { Code: refusal.code, Message: refusal.message, RequestId: createRequestId() },
    { status: refusal.status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * MSW handlers that act as a playauth credential endpoint (what `createPlayAuthHandler` serves):
 * `GET <endpoint>?VideoId=<id>&AuthInfoTimeout=<s>` answers 200 with the `GetVideoPlayAuth` body
 * verbatim plus `AuthInfoTimeout`, carrying a PlayAuth in the real shape that
 * {@link FakeAliplayer} and the real SDK decode. Errors use the VOD shape
 * `{ Code, Message, RequestId }`: 400 `InvalidParameter` for a malformed VideoId or
 * AuthInfoTimeout, 404 `InvalidVideo.NotFound` for an id not in `videos`, 403
 * `Forbidden.IllegalStatus` for a video whose status is not playable, and any scripted
 * `failures`. Every answer has `Cache-Control: no-store`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { playAuthHandlers } from '@playauth/testing/msw';
 *
 * const server = setupServer(...playAuthHandlers({
 *   videos: { 'video-1': { title: 'Intro', duration: 42 } },
 *   failures: { broken: 'serverError' },
 * }));
 * ```
 */
export function playAuthHandlers(options: PlayAuthHandlersOptions = {}): HttpHandler[] {
  const { endpoint = '/api/play-auth', videos, failures, onRequest } = options;
  const attempts = new Map<string, number>();

  return [
    http.get(endpoint, async ({ request }) => {
      const query = new URL(request.url).searchParams;
      const videoId = query.get('VideoId');
      if (!isValidVideoId(videoId)) {
        return vodError(
          vodRefusal(
            'InvalidParameter',
            'The specified parameter "VideoId" is not valid: use 1-64 characters of A-Z a-z 0-9 _ -.',
          ),
        );
      }
      const rawTimeout = query.get('AuthInfoTimeout');
      if (rawTimeout !== null && !/^\d+$/.test(rawTimeout)) {
        return vodError(
          vodRefusal(
            'InvalidParameter',
            'The specified parameter "AuthInfoTimeout" is not valid: use a whole number of seconds.',
          ),
        );
      }
      const attempt = (attempts.get(videoId) ?? 0) + 1;
      attempts.set(videoId, attempt);
      const info: PlayAuthRequestInfo = {
        videoId,
        authInfoTimeout: clampAuthInfoTimeout(rawTimeout === null ? undefined : Number(rawTimeout)),
        attempt,
        request,
      };
      onRequest?.(info);
      const wait = typeof options.delayMs === 'function' ? options.delayMs(info) : options.delayMs;
      if (wait) await delay(wait);

      const failed = scriptedFailureResponse(failures, info, vodError);
      if (failed) return failed;

      const video = findVideo(videos, videoId);
      const refusal = videoRefusal(video);
      if (refusal) return vodError(refusal);
      const setting = options.authInfoTimeout;
      const authInfoTimeout =
        typeof setting === 'function'
          ? setting(info.authInfoTimeout)
          : (setting ?? info.authInfoTimeout);
      const hls = options.hlsUriToken;
      const hlsUriToken =
        typeof hls === 'function' ? hls(info) : hls ? `fake-hls.${videoId}.${attempt}` : undefined;
      return HttpResponse.json(
        createPlayAuthBody(videoId, {
          ...options.credentials,
          authInfoTimeout,
          video,
          hlsUriToken,
        }),
        { headers: { 'Cache-Control': 'no-store' } },
      );
    }),
  ];
}
