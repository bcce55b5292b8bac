export type {
  GetVideoPlayAuthResponse,
  PlayAuthCredential,
  VideoMeta,
  VideoStatus,
  VodErrorBody,
} from './PlayAuthCredential';
export {
  isPlayAuthError,
  PlayAuthError,
  type PlayAuthErrorCode,
  type PlayAuthErrorOptions,
} from './PlayAuthError';
