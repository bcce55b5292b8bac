export { type ClientAddressOptions, clientAddress, setClientAddress } from './clientAddress';
export { type Cors, createCors, type PlayAuthCorsOptions } from './createCors';
export {
  type CreatePlayAuthHandlerOptions,
  createPlayAuthHandler,
  type PlayAuthErrorContext,
  type PlayAuthHandler,
} from './createPlayAuthHandler';
export {
  type CreateVodClientOptions,
  createVodClient,
  DEFAULT_VOD_REGION,
  defaultRetryDelayMs,
  type GetVideoInfoParams,
  type GetVideoPlayAuthParams,
  type VodCallOptions,
  type VodClient,
  type VodCredentials,
  type VodCredentialsProvider,
} from './createVodClient';
export { fromEnv, type VodEnv } from './fromEnv';
export { isVodErrorCode, isVodRequestId } from './isVodRequestId';
export type {
  CoalescedPlayAuth,
  PlayAuthCoalesceOptions,
  PlayAuthMint,
  ShareOptions,
} from './PlayAuthCoalescer';
export type {
  PlayAuthRateLimiter,
  PlayAuthRateLimitOptions,
  RateLimitVerdict,
} from './PlayAuthRateLimiter';
export {
  createMemoryPlayAuthStore,
  type MemoryPlayAuthStoreOptions,
  type PlayAuthStore,
  type PlayAuthStoreRequest,
} from './PlayAuthStore';
export { percentEncode } from './percentEncode';
export { BodyTooLargeError, MAX_UPSTREAM_BODY_BYTES, readCappedText } from './readCappedText';
export { oneLine, scrubSecrets } from './scrubSecrets';
export {
  ACS3_ALGORITHM,
  type Acs3Credentials,
  type Acs3Request,
  type Acs3SigningParts,
  createSignatureNonce,
  formatAcsDate,
  type SignAcs3Options,
  signAcs3,
  signAcs3Parts,
} from './signAcs3';
export { type NodeHandler, type ToNodeHandlerOptions, toNodeHandler } from './toNodeHandler';
export {
  classifyVodError,
  isVodApiError,
  VodApiError,
  type VodApiErrorOptions,
  type VodErrorClass,
  type VodErrorKind,
} from './VodApiError';
