import type { AliplayerErrorData } from '@playauth/core';
import type { FakeAliplayerConfig, FakeAliplayerOptions } from './FakeAliplayerConfig';
import { MediaElementPlayback } from './MediaElementPlayback';
import type {
  Playback,
  PlaybackHost,
  PlaybackSettings,
  PlaybackSource,
  PlayUrlCheck,
} from './Playback';
import { SDK_ERROR, SDK_TEXT } from './requestPlayInfo';
import { SimulatedPlayback } from './SimulatedPlayback';

/** `media` in a real browser, `simulated` in jsdom/happy-dom (no media pipeline), unless forced. */
export function detectMode(mode: FakeAliplayerConfig['mode']): 'simulated' | 'media' {
  if (mode === 'simulated' || mode === 'media') return mode;
  const fakeDom = typeof navigator !== 'undefined' && /jsdom|happydom/i.test(navigator.userAgent);
  const media =
    typeof HTMLMediaElement !== 'undefined' &&
    typeof HTMLMediaElement.prototype.play === 'function';
  return media && !fakeDom ? 'media' : 'simulated';
}

/** An HLS playlist's `#EXT-X-KEY` URI (AES-128), resolved against the playlist's URL. */
function keyUri(playlist: string, base: string): string | undefined {
  const uri = /^#EXT-X-KEY:(?!.*METHOD=NONE).*URI="([^"]+)"/m.exec(playlist)?.[1];
  return uri && new URL(uri, base).href;
}

/**
 * A `Range: bytes=0-1` GET of the play URL; for an HLS playlist a whole GET, and a GET of its
 * `#EXT-X-KEY` URI (what hls.js loads before the first segment).
 */
async function fetchCheck(url: string, fetchImpl: typeof fetch): Promise<PlayUrlCheck> {
  try {
    const hls = /\.m3u8(?:$|[?#&])/.test(url);
    const response = await fetchImpl(url, hls ? {} : { headers: { Range: 'bytes=0-1' } });
    if (!hls || response.status >= 400) {
      // Only the status matters; do not wait for the body to be torn down.
      response.body?.cancel().catch(() => undefined);
      return response.status;
    }
    const key = keyUri(await response.text(), url);
    if (!key) return response.status;
    const answer = await fetchImpl(key).catch(() => undefined);
    answer?.body?.cancel().catch(() => undefined);
    return answer && answer.status < 400 ? response.status : { key: answer?.status ?? 0 };
  } catch {
    return 'network';
  }
}

/** The engine settings for one source, from the SDK options and the fake's config. */
function playbackSettings(
  options: FakeAliplayerOptions,
  config: FakeAliplayerConfig,
  muted: boolean,
): PlaybackSettings {
  const fetchImpl = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const check = config.checkPlayUrl ?? 'none';
  return {
    autoplay: options.autoplay !== false,
    muted,
    loop: options.rePlay === true,
    authTimeout: Number(options.authTimeout) || 7200,
    autoplayPolicy: config.autoplayPolicy ?? 'allowed',
    tickMs: config.tickMs ?? 250,
    loadDelayMs: config.loadDelayMs ?? 0,
    checkPlayUrl:
      check === 'none'
        ? () => undefined
        : check === 'fetch'
          ? (url) => fetchCheck(url, fetchImpl)
          : check,
  };
}

/** Everything an engine needs to play one source. */
export interface CreatePlaybackInput {
  mode: 'simulated' | 'media';
  host: PlaybackHost;
  source: PlaybackSource;
  options: FakeAliplayerOptions;
  config: FakeAliplayerConfig;
  muted: boolean;
  tag: HTMLVideoElement | null;
}

/** A simulated engine, or a `<video>`-backed one in `media` mode. */
export function createPlayback(input: CreatePlaybackInput): Playback {
  const settings = playbackSettings(input.options, input.config, input.muted);
  return input.mode === 'media' && input.tag
    ? new MediaElementPlayback(input.host, input.source, settings, input.tag)
    : new SimulatedPlayback(input.host, input.source, settings);
}

/**
 * The SDK's licence verdict for a player on an http(s) page: the `error` payload to emit
 * (4036 without a complete `license` by default), or `undefined` when it passes.
 */
export function licenseError(
  options: FakeAliplayerOptions,
  config: FakeAliplayerConfig,
  page: URL,
): AliplayerErrorData | undefined {
  const check =
    config.checkLicense ??
    ((value) => (value?.domain && value.key ? undefined : SDK_ERROR.LicenseEmpty));
  const code = check(options.license, page);
  if (code === undefined) return undefined;
  return {
    mediaId: options.vid ?? '',
    error_code: code,
    display_msg: `${SDK_TEXT.play} (LICENSE ERROR)`,
    error_msg:
      code === SDK_ERROR.LicenseEmpty ? 'License params are required' : 'Invalid license key',
  };
}
