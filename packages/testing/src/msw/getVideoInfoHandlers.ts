import { createRequestId, type VodRefusal, vodRefusal } from '@playauth/vod-model';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { createVideoInfoBody } from '../vod/createVideoInfoBody';
import type { VodFailures } from '../vod/failureRefusal';
import { type FakeVideoCatalog, findVideo } from '../vod/findVideo';
import { scriptedFailureResponse } from './scriptedFailureResponse';

/** What `onRequest` and a failure function learn about a GetVideoInfo call. */
export interface GetVideoInfoRequestInfo {
  videoId: string;
  request: Request;
}

/** Options of {@link getVideoInfoHandlers}. */
export interface GetVideoInfoHandlersOptions {
  /**
   * URL (msw path) to answer: the `endpoint` of your `createVodClient`, or the default, every
   * `https://vod.<region>.aliyuncs.com/`.
   */
  endpoint?: string | RegExp;
  /** Known videos. Default: every id exists (title `Video <id>`, 60 s). Any status answers. */
  videos?: FakeVideoCatalog;
  /** Scripted failures by video id, or a function (return `undefined` to succeed). */
  failures?: VodFailures<GetVideoInfoRequestInfo>;
  /** Answer after this many ms. Default 0. */
  delayMs?: number;
  /** Called for every GetVideoInfo request, before it is answered. */
  onRequest?: (info: GetVideoInfoRequestInfo) => void;
}

const DEFAULT_ENDPOINT = /^https:\/\/vod\.[a-z0-9-]+\.aliyuncs\.com\/(?:\?.*)?$/;

function vodError(refusal: VodRefusal): Response {
  return HttpResponse.json(
    { RequestId: createRequestId(), Code: refusal.code, Message: refusal.message },
    { status: refusal.status },
  );
}

/**
 * MSW handlers that act as VOD's `GetVideoInfo` for server code under test (a Server Component,
 * a route loader): the call `createVodClient(...).getVideoInfo()` sends (V3: `POST` with the
 * `x-acs-action` header; V2: `Action` in the query) answers the `{ RequestId, Video }` body the
 * emulator answers, built by the same code. Unknown ids: 404 `InvalidVideo.NotFound`. Other
 * actions pass through to the next handler. The signature is not checked (the emulator does).
 *
 * @example
 * ```ts
 * const server = setupServer(...getVideoInfoHandlers({ videos: { v1: { title: 'Intro', duration: 42 } } }));
 * const meta = toVideoMeta(await createVodClient({ accessKeyId, accessKeySecret }).getVideoInfo({ videoId: 'v1' }));
 * ```
 */
export function getVideoInfoHandlers(options: GetVideoInfoHandlersOptions = {}): HttpHandler[] {
  return [
    http.all(options.endpoint ?? DEFAULT_ENDPOINT, async ({ request }) => {
      const query = new URL(request.url).searchParams;
      const action = request.headers.get('x-acs-action') ?? query.get('Action');
      if (action !== 'GetVideoInfo') return undefined;
      const videoId = query.get('VideoId') ?? '';
      const info: GetVideoInfoRequestInfo = { videoId, request };
      options.onRequest?.(info);
      if (options.delayMs) await delay(options.delayMs);
      const failed = scriptedFailureResponse(options.failures, info, vodError);
      if (failed) return failed;
      const video = findVideo(options.videos, videoId);
      if (!video) return vodError(vodRefusal('InvalidVideo.NotFound'));
      return HttpResponse.json(createVideoInfoBody(videoId, { video }));
    }),
  ];
}
