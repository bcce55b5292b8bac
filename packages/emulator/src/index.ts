export type { GetPlayInfoBody, GetVideoInfoBody, PlayInfo } from '@playauth/vod-model';
export { signRpcV2 } from '@playauth/vod-model';
export type { EmulatorAccessKey, SignatureVersion } from './authenticateRequest';
export {
  DEFAULT_CREATION_TIME,
  DEFAULT_VIDEO_IDS,
  EMULATOR_VIDEOS,
  type EmulatorMedia,
  type EmulatorVideo,
  type EmulatorVideoStatus,
  SAMPLE_MEDIA,
} from './catalogue';
export { type Clock, createManualClock, type ManualClock, systemClock } from './clock';
export { EmulatorError, type GatewayErrorBody } from './EmulatorError';
export { createSeededRandom, type FaultAction, type FaultRule } from './faults';
export type { GetVideoPlayAuthBody } from './getVideoPlayAuth';
export { MediaToolError, type MediaToolErrorCode } from './MediaToolError';
export {
  type AuthInfo,
  decodeAuthInfo,
  decodePlayAuth,
  type PlayAuthPayload,
} from './playAuthToken';
export {
  DEFAULT_MEDIA_CACHE_DIR,
  DEFAULT_RENDITIONS,
  type PreparedMedia,
  type PreparedRendition,
  type PrepareRenditionsOptions,
  prepareRenditions,
  type RenditionSpec,
} from './prepareRenditions';
export { renderCoverSvg } from './renderCoverSvg';
export { signPlaylistSegments } from './signPlaylistSegments';
export { startVodEmulator } from './startVodEmulator';
export {
  DEFAULT_ACCESS_KEY,
  type LatencyTarget,
  type RecordedRequest,
  VOD_API_VERSION,
  type VodEmulator,
  type VodEmulatorOptions,
} from './VodEmulator';
export { type SignedHttpRequest, verifyAcs3 } from './verifyAcs3';
export { type RpcParams, verifyRpcV2 } from './verifyRpcV2';
