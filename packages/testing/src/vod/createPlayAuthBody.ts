import type { GetVideoPlayAuthResponse } from '@playauth/core';
import { createRequestId } from '@playauth/vod-model';
import { type CreatePlayAuthOptions, createPlayAuth } from './createPlayAuth';
import type { FakeVideo } from './findVideo';

/** Options of {@link createPlayAuthBody}. */
export interface CreatePlayAuthBodyOptions extends CreatePlayAuthOptions {
  /** The video's metadata. Default: title `Video <id>`, 60 s, status `Normal`. */
  video?: Partial<FakeVideo>;
  /** Default a random upper-case UUID. */
  requestId?: string;
  /** Add the backend's `AuthInfoTimeout` field (the validity used). Default `true`. */
  includeAuthInfoTimeout?: boolean;
  /**
   * Add `MtsHlsUriToken` (what `createPlayAuthHandler({ hlsEncryption })` adds): the token the
   * player passes on in `playConfig`. Default: none.
   */
  hlsUriToken?: string;
}

/**
 * The 200 body a playauth backend returns: the `GetVideoPlayAuth` answer verbatim (PascalCase)
 * plus `AuthInfoTimeout`. Its `PlayAuth` has the real shape (see {@link createPlayAuth}), so
 * `parsePlayAuthResponse`, {@link FakeAliplayer} and the real SDK all accept it.
 *
 * @example
 * ```ts
 * server.use(http.get('/api/play-auth', () =>
 *   HttpResponse.json(createPlayAuthBody('video-1', { video: { title: 'Intro', duration: 42 } }))));
 * ```
 */
export function createPlayAuthBody(
  videoId: string,
  options: CreatePlayAuthBodyOptions = {},
): GetVideoPlayAuthResponse {
  const authInfoTimeout = options.authInfoTimeout ?? 100;
  const video = { title: `Video ${videoId}`, duration: 60, ...options.video };
  const body: GetVideoPlayAuthResponse = {
    RequestId: options.requestId ?? createRequestId(),
    VideoMeta: {
      VideoId: videoId,
      Title: video.title,
      Duration: video.duration,
      Status: video.status ?? 'Normal',
      ...(video.coverUrl === undefined ? {} : { CoverURL: video.coverUrl }),
    },
    PlayAuth: createPlayAuth(videoId, { ...options, authInfoTimeout }),
  };
  if (options.includeAuthInfoTimeout !== false) body.AuthInfoTimeout = authInfoTimeout;
  if (options.hlsUriToken !== undefined) body.MtsHlsUriToken = options.hlsUriToken;
  return body;
}
