/**
 * `@playauth/testing/msw`: MSW handlers standing in for a playauth credential endpoint and for
 * the VOD GetPlayInfo API. A separate entry so that `@playauth/testing` never needs `msw`.
 */
export {
  type CreatePlayAuthBodyOptions,
  createPlayAuthBody,
} from '../vod/createPlayAuthBody';
export {
  type CreateVideoInfoBodyOptions,
  createVideoInfoBody,
} from '../vod/createVideoInfoBody';
export type { FakeVideo, FakeVideoCatalog } from '../vod/findVideo';
export {
  type GetPlayInfoHandlersOptions,
  type GetPlayInfoRequestInfo,
  getPlayInfoHandlers,
} from './getPlayInfoHandlers';
export {
  type GetVideoInfoHandlersOptions,
  type GetVideoInfoRequestInfo,
  getVideoInfoHandlers,
} from './getVideoInfoHandlers';
export {
  type PlayAuthFailure,
  type PlayAuthHandlersOptions,
  type PlayAuthRequestInfo,
  playAuthHandlers,
} from './playAuthHandlers';
