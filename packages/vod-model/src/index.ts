/**
 * `@playauth/vod-model`: the one model of ApsaraVideo VOD that `@playauth/emulator` and
 * `@playauth/testing` share. Private and bundled into both (see README.md). Web APIs only.
 */
export { authInfoRefusal } from './authInfoRefusal';
export { canonicalQuery } from './canonicalQuery';
export { checkRpcV2Signature } from './checkRpcV2Signature';
export {
  createPlayInfoBody,
  type GetPlayInfoBody,
  type PlayInfo,
  type PlayInfoBodyInput,
  type PlayInfoStreamInput,
} from './createPlayInfoBody';
export { createRequestId } from './createRequestId';
export {
  createVideoInfoBody,
  type GetVideoInfoBody,
  type VideoInfoBodyInput,
} from './createVideoInfoBody';
export { decodePlayAuth } from './decodePlayAuth';
export { encodePlayAuth } from './encodePlayAuth';
export { hmacSha1Base64 } from './hmacSha1Base64';
export { isoSeconds } from './isoSeconds';
export { isPlayableStatus } from './isPlayableStatus';
export type { PlayAuthToken } from './PlayAuthToken';
export { percentEncode } from './percentEncode';
export { type PlayConfig, readPlayConfig, withHlsUriToken } from './readPlayConfig';
export { rpcV2StringToSign } from './rpcV2StringToSign';
export {
  type PlayInfoSelection,
  type SelectableStream,
  selectPlayInfoStreams,
  VOD_DEFINITIONS,
  VOD_FORMATS,
} from './selectPlayInfoStreams';
export { signRpcV2 } from './signRpcV2';
export type { VideoBodyInput } from './VideoBodyInput';
export { videoIdRefusal } from './videoIdRefusal';
export { videoRefusal } from './videoRefusal';
export { type VodErrorCode, type VodRefusal, vodErrors, vodRefusal } from './vodErrors';
