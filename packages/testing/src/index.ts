export {
  type CreatePlayAuthBodyOptions,
  createPlayAuthBody,
  type FakeVideo,
  type FakeVideoCatalog,
} from './createPlayAuthBody';
export { createTestQueryClient } from './createTestQueryClient';
export { FakeAliplayer } from './FakeAliplayer';
export {
  FAKE_ALIPLAYER_VERSION,
  type FakeAliplayerConfig,
  type FakeAliplayerOptions,
  type FakePlayInfo,
  type FakePlayInfoContext,
  type FakePlayInfoResolver,
} from './FakeAliplayerConfig';
export type { VodFailure } from './fakeVod';
export {
  buildGetPlayInfoUrl,
  type GetPlayInfoRequest,
  getPlayInfoParams,
  percentEncode,
  signRpcV2,
} from './getPlayInfo';
export type { PlayInfoLoadedData, PlayInfoStream } from './loadPlayInfo';
export type { PlayUrlCheck } from './Playback';
export {
  type CreatePlayAuthOptions,
  createPlayAuth,
  decodePlayAuth,
  encodePlayAuth,
  type PlayAuthAuthInfo,
  type PlayAuthToken,
  parseAuthInfo,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from './playAuthToken';
