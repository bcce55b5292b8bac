'use client';

export { defaultVodPlayerMessages, type VodPlayerMessages } from './messages';
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
export { VodPlayer, type VodPlayerHandle, type VodPlayerProps } from './VodPlayer';
export type { VodPlayerErrorKind, VodPlayerErrorState } from './VodPlayerError';
