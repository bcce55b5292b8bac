/**
 * `@playauth/react/server`: what server code needs, without `'use client'`, so a React Server
 * Component, a route handler or a loader calls these functions instead of getting client
 * references: the credential query's key and options (server prefetch, `dehydrate`) and the
 * metadata helpers behind `<VodPlayer meta>`. It never imports the client entry: no component,
 * no hook, no React at run time.
 *
 * @example
 * ```ts
 * // app/videos/[id]/page.tsx (a Server Component)
 * import { toVideoMeta } from '@playauth/react/server';
 * const meta = toVideoMeta(await vod.getVideoInfo({ videoId: id })); // no PlayAuth in the HTML
 * return <Player videoId={id} meta={meta} />; // Player: your 'use client' wrapper of <VodPlayer>
 * ```
 */
export {
  type GetVideoInfoResponse,
  sanitizeCoverUrl,
  toVideoMeta,
  type VideoMeta,
  type VideoStatus,
} from '@playauth/core';
export {
  DEFAULT_PLAYAUTH_ENDPOINT,
  type PlayAuthFetcher,
  type PlayAuthFetcherContext,
  type PlayAuthOptions,
  type PlayAuthQueryKey,
  playAuthQueryOptions,
} from './playAuthQueryOptions';
