import type { AliplayerErrorData } from '@playauth/core';
import { SDK_ERROR, SDK_TEXT } from './requestPlayInfo';

/** The stream a playback engine plays. */
export interface PlaybackSource {
  url: string;
  /** `mp4`, `m3u8`, ... */
  format: string;
  /** Seconds, from GetPlayInfo. */
  duration: number;
  /** Where playback starts (seconds; `loadByUrl`'s `seconds`). Default 0. */
  startAt?: number;
}

/**
 * How a play URL answered a check: an HTTP status, `'network'` when it could not be reached, or
 * `{ key: status }` when an HLS playlist's `#EXT-X-KEY` URI (the decryption service) refused.
 */
export type PlayUrlCheck = number | 'network' | { key: number };

/** Settings an engine reads (from the SDK options and the fake's config). */
export interface PlaybackSettings {
  autoplay: boolean;
  muted: boolean;
  loop: boolean;
  /** Play-URL lifetime in seconds (SDK option `authTimeout`): later range requests get 403. */
  authTimeout: number;
  autoplayPolicy: 'allowed' | 'muted' | 'blocked';
  tickMs: number;
  loadDelayMs: number;
  checkPlayUrl: (url: string) => PlayUrlCheck | undefined | Promise<PlayUrlCheck | undefined>;
}

/** What an engine calls back into the player with. */
export interface PlaybackHost {
  /** Emits an SDK event (no `paramData` -> `null`, as the SDK's own triggers). */
  emit(name: string, paramData?: unknown): void;
  /** Reports a fatal error: the player emits `error` and goes to status `error`. */
  fail(error: AliplayerErrorData): void;
  readonly videoId: string | undefined;
}

/** A playback engine: simulated time (jsdom) or a real `<video>` (browsers). */
export interface Playback {
  start(): void;
  play(): void;
  pause(): void;
  seek(seconds: number): void;
  readonly currentTime: number;
  readonly duration: number;
  readonly volume: number;
  setMuted(muted: boolean): void;
  setVolume(volume: number): void;
  setRate(rate: number): void;
  /** Stops playing after a fatal error, without a `pause` event; later calls are no-ops. */
  halt(): void;
  /** Stops timers and media, silently. */
  dispose(): void;
}

/**
 * The `error` payload for a refused or unreachable play URL, as the SDK maps media errors
 * (`MediaError.code` 2 -> 4016, 4 -> 4400; an HLS URL refused -> 4025; a refused HLS key ->
 * `keyLoadError` with 4025 for a 403, else 4009).
 */
export function mediaError(
  videoId: string | undefined,
  format: string,
  check: PlayUrlCheck,
  detail?: string,
): AliplayerErrorData {
  if (typeof check === 'object') {
    // hls.js' keyLoadError as the SDK reports it: 403 -> 4025, any other failure -> 4009.
    return {
      mediaId: videoId ?? '',
      error_code: check.key === 403 ? SDK_ERROR.UrlForbidden : SDK_ERROR.RequestDataError,
      error_msg: 'keyLoadError',
      display_msg: `${SDK_TEXT.play}(keyLoadError)`,
    };
  }
  if (check === 'network') {
    return {
      mediaId: videoId ?? '',
      error_code: SDK_ERROR.NetworkError,
      error_msg: `2 || ${detail || SDK_TEXT.network}`,
      display_msg: SDK_TEXT.network,
    };
  }
  return {
    mediaId: videoId ?? '',
    error_code: format === 'm3u8' ? SDK_ERROR.UrlForbidden : SDK_ERROR.OtherError,
    error_msg: `4 || ${detail || `The play URL answered HTTP ${check}`}`,
    display_msg: SDK_TEXT.play,
  };
}
