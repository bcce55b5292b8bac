/**
 * `@playauth/testing/msw`: MSW handlers standing in for a playauth credential endpoint and for
 * the VOD GetPlayInfo API. A separate entry so that `@playauth/testing` never needs `msw`.
 */
export {
  type CreatePlayAuthBodyOptions,
  createPlayAuthBody,
  type FakeVideo,
  type FakeVideoCatalog,
} from './createPlayAuthBody';
export {
  type GetPlayInfoHandlersOptions,
  type GetPlayInfoRequestInfo,
  getPlayInfoHandlers,
} from './getPlayInfoHandlers';
export {
  type PlayAuthFailure,
  type PlayAuthHandlersOptions,
  type PlayAuthRequestInfo,
  playAuthHandlers,
} from './playAuthHandlers';
