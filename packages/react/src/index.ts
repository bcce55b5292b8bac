'use client';

export { defaultVodPlayerMessages, en, type VodPlayerMessages, zhCN } from './messages';
export {
  type PlayAuthConfig,
  type PlayAuthPlayerDefaults,
  PlayAuthProvider,
  type PlayAuthProviderProps,
  usePlayAuthConfig,
} from './PlayAuthProvider';
export {
  DEFAULT_PLAYAUTH_ENDPOINT,
  type PlayAuthFetcher,
  type PlayAuthFetcherContext,
  type PlayAuthOptions,
  type PlayAuthQueryKey,
  playAuthQueryOptions,
} from './playAuthQueryOptions';
export type { PlayerEventProps } from './playerEvents';
export { type UsePlayAuthOptions, type UsePlayAuthResult, usePlayAuth } from './usePlayAuth';
export { type UsePlayerControllerResult, usePlayerController } from './usePlayerController';
export {
  VodPlayer,
  type VodPlayerHandle,
  type VodPlayerPreviewEndEvent,
  type VodPlayerProps,
} from './VodPlayer';
export type { VodPlayerCoverState } from './VodPlayerCover';
export type { VodPlayerErrorKind, VodPlayerErrorState } from './VodPlayerError';
