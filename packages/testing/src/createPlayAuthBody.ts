import type { GetVideoPlayAuthResponse, VideoStatus } from '@playauth/core';
import { type CreatePlayAuthOptions, createPlayAuth } from './playAuthToken';

/** A video known to the test handlers. */
export interface FakeVideo {
  title: string;
  /** Seconds. */
  duration: number;
  coverUrl?: string;
  /** Default `'Normal'`. Anything but `Normal`/`UploadSucc` makes GetVideoPlayAuth answer 403. */
  status?: VideoStatus;
  /** Play URL GetPlayInfo hands out. Default `https://media.playauth.invalid/<videoId>.mp4`. */
  playUrl?: string;
  /** Stream format. Default from the play URL's extension (`m3u8` or `mp4`). */
  format?: string;
}

/** Videos by id, or a list of videos with their `videoId`. */
export type FakeVideoCatalog =
  | Record<string, FakeVideo>
  | ReadonlyArray<FakeVideo & { videoId: string }>;

/** Statuses for which VOD hands out a PlayAuth; others answer `Forbidden.IllegalStatus`. */
export const PLAYABLE_STATUSES: readonly string[] = ['Normal', 'UploadSucc'];

/**
 * Looks a video up. Without a catalog every id exists (title `Video <id>`, 60 s), so simple
 * tests need no setup; with one, unknown ids are `undefined` (not found).
 */
export function findVideo(
  catalog: FakeVideoCatalog | undefined,
  videoId: string,
): FakeVideo | undefined {
  if (catalog === undefined) return { title: `Video ${videoId}`, duration: 60 };
  if (Array.isArray(catalog)) return catalog.find((video) => video.videoId === videoId);
  return Object.hasOwn(catalog, videoId)
    ? (catalog as Record<string, FakeVideo>)[videoId]
    : undefined;
}

/** Default play URL of a fake video: a reserved `.invalid` host, never resolved by accident. */
export function defaultPlayUrl(videoId: string): string {
  return `https://media.playauth.invalid/${encodeURIComponent(videoId)}.mp4`;
}

/** A VOD-style RequestId (upper-case UUID). */
export function fakeRequestId(): string {
  return crypto.randomUUID().toUpperCase();
}

/** Options of {@link createPlayAuthBody}. */
export interface CreatePlayAuthBodyOptions extends CreatePlayAuthOptions {
  /** The video's metadata. Default: title `Video <id>`, 60 s, status `Normal`. */
  video?: Partial<FakeVideo>;
  /** Default a random upper-case UUID. */
  requestId?: string;
  /** Add the backend's `AuthInfoTimeout` field (the validity used). Default `true`. */
  includeAuthInfoTimeout?: boolean;
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
    RequestId: options.requestId ?? fakeRequestId(),
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
  return body;
}
