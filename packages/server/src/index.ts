export {
  type CreatePlayAuthHandlerOptions,
  createPlayAuthHandler,
  type PlayAuthCorsOptions,
  type PlayAuthErrorContext,
  type PlayAuthHandler,
} from './createPlayAuthHandler';
export {
  type CreateVodClientOptions,
  createVodClient,
  DEFAULT_VOD_REGION,
  defaultRetryDelayMs,
  type GetVideoPlayAuthParams,
  type VodCallOptions,
  type VodClient,
  type VodCredentials,
  type VodCredentialsProvider,
} from './createVodClient';
export { fromEnv, type VodEnv } from './fromEnv';
export type { PlayAuthCoalesceOptions } from './PlayAuthCoalescer';
export { percentEncode } from './percentEncode';
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
