import type { AliplayerLicense, AliplayerOptions, VodErrorBody } from '@playauth/core';
import type { PlayAuthToken } from '@playauth/vod-model';
import type { FakeVideoCatalog } from '../vod/findVideo';
import type { PlayUrlCheck } from './Playback';

/** Play info a {@link FakePlayInfoResolver} hands the fake instead of asking a VOD server. */
export interface FakePlayInfo {
  /** The play URL (played for real in `media` mode, only recorded in `simulated` mode). */
  url: string;
  /** Seconds. */
  duration: number;
  title?: string;
  coverUrl?: string;
  /** Default from the URL's extension (`m3u8` or `mp4`). */
  format?: string;
}

/** What a resolver is given besides the video id. */
export interface FakePlayInfoContext {
  playauth: string;
  /** The decoded PlayAuth. */
  token: PlayAuthToken;
  options: AliplayerOptions;
}

/**
 * Supplies play info without a network. Return the play info, or a VOD error body
 * (`{ Code, Message }`: `*.Expired`/`*.ExpireTime` codes become error 4002, others 4500);
 * throwing counts as a network failure (4500).
 */
export type FakePlayInfoResolver = (
  videoId: string,
  context: FakePlayInfoContext,
) => FakePlayInfo | VodErrorBody | Promise<FakePlayInfo | VodErrorBody>;

/**
 * How {@link FakeAliplayer} behaves. Set defaults with `FakeAliplayer.configure(config)`;
 * override per player with the SDK option `fake` (`new FakeAliplayer({ ..., fake: { ... } })`, or
 * `options: { fake }` of the player controller).
 */
export interface FakeAliplayerConfig {
  /**
   * `simulated`: no media, time driven by timers (jsdom). `media`: a real `<video>` plays the
   * play URL (browsers). Default `auto`: `media` in a browser, `simulated` in jsdom/happy-dom.
   */
  mode?: 'auto' | 'simulated' | 'media';
  /**
   * Where play info comes from:
   * - `'request'`: a V2-signed GetPlayInfo GET, as the SDK sends it, to the SDK option
   *   `customVodServer` or `https://vod.<Region>.aliyuncs.com/` (answer it with
   *   `getPlayInfoHandlers` from `@playauth/testing/msw`, or the emulator);
   * - a {@link FakePlayInfoResolver} function;
   * - `'auto'` (default): `'request'` when the player has `customVodServer`, otherwise an
   *   offline answer from `videos` (every id exists when `videos` is not set).
   *
   * Offline answers apply VOD's rules first: an expired `AuthInfo.ExpireTime` fails with 4002,
   * an AuthInfo for another video, an unknown video or one that is not playable with 4500.
   */
  playInfo?: 'auto' | 'request' | FakePlayInfoResolver;
  /** Videos for offline play info (same shape as `playAuthHandlers({ videos })`). */
  videos?: FakeVideoCatalog;
  /** `fetch` for GetPlayInfo and play-URL checks. Default `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
  /**
   * `simulated` mode: how the play URL answers. `'none'` (default): always playable.
   * `'fetch'`: a `Range: bytes=0-1` GET (HTTP >= 400 -> 4400, or 4025 for HLS; a network error
   * -> 4016); for HLS the playlist and its `#EXT-X-KEY` URI (HLS standard encryption: a refused
   * key fails like hls.js' `keyLoadError`, 4025 for a 403, else 4009). Or a function returning
   * an HTTP status, `'network'` or `{ key: status }`.
   */
  checkPlayUrl?: 'none' | 'fetch' | ((url: string) => PlayUrlCheck | Promise<PlayUrlCheck>);
  /**
   * `simulated` mode: the browser's autoplay policy. Default `'allowed'`; `'muted'` allows only
   * muted autoplay (as browsers do), `'blocked'` none (`autoplay` fires with `false`).
   */
  autoplayPolicy?: 'allowed' | 'muted' | 'blocked';
  /**
   * `media` mode: how an HLS stream plays. `'auto'` (default): natively where the browser can
   * (`canPlayType('application/vnd.apple.mpegurl')`), else the MP4 of the same definition from
   * the play info (the fake then asks GetPlayInfo for every format, keeps the HLS streams for
   * its events, and says what it plays in `player.playInfo.played`). `'mp4'`: always the MP4.
   */
  hlsPlayback?: 'auto' | 'mp4';
  /** `simulated` mode: ms between `timeupdate`s, and seconds of playback per tick / 1000. Default 250. */
  tickMs?: number;
  /** `simulated` mode: ms from `changeURL` to `canplay`. Default 0. */
  loadDelayMs?: number;
  /**
   * Licence check applied when `FakeAliplayer.enforceLicense` is true on an http(s) page.
   * Return an error code to fail with, or `undefined` to pass. Default: 4036 unless `license`
   * has a `domain` and a `key`.
   */
  checkLicense?: (license: AliplayerLicense | undefined, page: URL) => number | undefined;
}

/** SDK options plus the fake's per-player config under `fake`. */
export interface FakeAliplayerOptions extends AliplayerOptions {
  fake?: FakeAliplayerConfig;
}

/** The version {@link FakeAliplayer.getVersion} reports: the SDK it mimics, marked fake. */
export const FAKE_ALIPLAYER_VERSION = '2.37.7-fake';
