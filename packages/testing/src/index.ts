export {
  decodePlayAuth,
  encodePlayAuth,
  type PlayAuthToken,
  percentEncode,
  signRpcV2,
} from '@playauth/vod-model';
export { FakeAliplayer } from './aliplayer/FakeAliplayer';
export {
  FAKE_ALIPLAYER_VERSION,
  type FakeAliplayerConfig,
  type FakeAliplayerOptions,
  type FakePlayInfo,
  type FakePlayInfoContext,
  type FakePlayInfoResolver,
} from './aliplayer/FakeAliplayerConfig';
export type { PlayUrlCheck } from './aliplayer/Playback';
export type { PlayInfoLoadedData, PlayInfoStream } from './aliplayer/requestPlayInfo';
export { createTestQueryClient } from './query/createTestQueryClient';
export {
  buildGetPlayInfoUrl,
  type GetPlayInfoRequest,
  getPlayInfoParams,
} from './vod/buildGetPlayInfoUrl';
export {
  type CreatePlayAuthOptions,
  createPlayAuth,
  type PlayAuthAuthInfo,
  parseAuthInfo,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from './vod/createPlayAuth';
export {
  type CreatePlayAuthBodyOptions,
  createPlayAuthBody,
} from './vod/createPlayAuthBody';
export {
  type CreateVideoInfoBodyOptions,
  createVideoInfoBody,
} from './vod/createVideoInfoBody';
export type { VodFailure, VodFailures } from './vod/failureRefusal';
export type { FakeVideo, FakeVideoCatalog } from './vod/findVideo';
