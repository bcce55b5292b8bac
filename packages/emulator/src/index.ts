export type { GetPlayInfoBody, PlayInfo } from '@playauth/vod-model';
export { signRpcV2 } from '@playauth/vod-model';
export type { EmulatorAccessKey, SignatureVersion } from './authenticateRequest';
export {
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
export {
  type AuthInfo,
  decodeAuthInfo,
  decodePlayAuth,
  type PlayAuthPayload,
} from './playAuthToken';
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
