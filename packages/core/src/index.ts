export type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerErrorData,
  AliplayerEvent,
  AliplayerEventHandler,
  AliplayerEventMap,
  AliplayerEventName,
  AliplayerFullscreenService,
  AliplayerLicense,
  AliplayerNoData,
  AliplayerOptions,
  AliplayerSkinComponent,
  AliplayerStatus,
} from './Aliplayer';
export {
  clampAuthInfoTimeout,
  DEFAULT_AUTH_INFO_TIMEOUT,
  isValidAuthInfoTimeout,
  MAX_AUTH_INFO_TIMEOUT,
  MIN_AUTH_INFO_TIMEOUT,
} from './clampAuthInfoTimeout';
export { sanitizeCoverUrl } from './coverUrl';
export {
  DEFAULT_REFRESH_MARGIN_MS,
  isExpired,
  isFresh,
  type RefreshMargin,
  refreshAt,
  refreshMarginMs,
} from './credentialTiming';
export { createElementId } from './elementId';
export { ERRORS_DOCS_URL, errorReference } from './errorReference';
export { type FetchPlayAuthOptions, fetchPlayAuth } from './fetchPlayAuth';
export {
  ALIPLAYER_CDN_BASE,
  ALIPLAYER_PLAYAUTH_MODULE,
  ALIPLAYER_VERSION,
  type AliplayerScriptSource,
  type AliplayerSource,
  aliplayerAssetPrefix,
  loadAliplayer,
  resetAliplayerLoader,
} from './loadAliplayer';
export type {
  GetVideoInfoResponse,
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
export {
  PlayerController,
  type PlayerSnapshot,
  type PlayerStatus,
} from './PlayerController';
export {
  buildAliplayerOptions,
  type CredentialRequestReason,
  type PlayerControllerOptions,
  type PlayerControllerUpdate,
} from './PlayerControllerOptions';
export {
  isPlayerError,
  PlayerError,
  type PlayerErrorCode,
  type PlayerErrorContext,
  type PlayerErrorKind,
  type PlayerErrorOptions,
  toPlayerError,
} from './PlayerError';
export { type IdlePlayer, playerPool, retainPlayerPool } from './PlayerPool';
export { type ParsePlayAuthContext, parsePlayAuthResponse } from './parsePlayAuthResponse';
export {
  DEFAULT_RENEWAL_MIN_INTERVAL_MS,
  RENEWAL_ERROR_CODES,
  RenewalPolicy,
} from './RenewalPolicy';
export { readSeconds } from './readSeconds';
export {
  localStorageResume,
  RESUME_END_MARGIN,
  RESUME_SAVE_INTERVAL_MS,
  type ResumeStorage,
  readResumePosition,
  resumeLimit,
  writeResumePosition,
} from './resumePlayback';
export { toVideoMeta } from './toVideoMeta';
export { assertValidVideoId, isValidVideoId } from './videoId';
export { isRetryableVodError } from './vodErrors';
