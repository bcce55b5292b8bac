import type { Aliplayer, AliplayerLicense, AliplayerOptions } from './Aliplayer';
import { type AliplayerSource, aliplayerAssetPrefix } from './loadAliplayer';
import type { PlayAuthCredential } from './PlayAuthCredential';
import type { ResumeStorage } from './resumePlayback';

/**
 * Why the controller asks for a credential. `'key'`: the HLS decryption key was refused, so the
 * credential's `hlsUriToken` must be new: a cached credential will not do.
 */
export type CredentialRequestReason = 'expired' | 'error' | 'manual' | 'key';

/** Options of {@link PlayerController}. Every field is optional. */
export interface PlayerControllerOptions {
  /** Where the SDK comes from. Default: the official CDN via {@link loadAliplayer}. */
  sdk?: AliplayerSource;
  /** The Aliplayer licence, needed on http(s) pages (not on `file:`). */
  license?: AliplayerLicense;
  /** Start playing once loaded. Default **`false`** (the SDK's own default is `true`). */
  autoplay?: boolean;
  /** Start muted; applied live. Default `false`. */
  muted?: boolean;
  /** Loop playback (`rePlay`). Default `false`. */
  loop?: boolean;
  /**
   * Let the SDK send its logs to Alibaba Cloud. Default `false`: `trackLog: false`,
   * `disableTrack: true` and `disableDumpBuffer: true` are forced. With `true` the SDK defaults
   * (or your `options`) apply.
   */
  telemetry?: boolean;
  /** Poster URL; applied live. */
  cover?: string;
  /** CSS width; applied live. SDK default `'100%'`. */
  width?: string;
  /** CSS height; applied live. SDK default `'300px'`. */
  height?: string;
  /**
   * Other Aliplayer options. `id`, `vid`, `playauth` (any spelling) and `source` are managed by
   * the controller and ignored here; the dedicated fields above win over the same option here.
   */
  options?: Partial<AliplayerOptions>;
  /**
   * Supplies a valid credential for `videoId` when the controller needs one: the given one has
   * expired (`'expired'`, also on `authkeyexpired`), playback failed with a renewal error
   * (`'error'`), or `renew()` was called without a credential (`'manual'`); `'key'` replaces
   * `'error'`/`'manual'` after the decryption key of an encrypted HLS video was refused (then
   * fetch a new credential and token, never a cached one). Without it, such cases end in an
   * error state.
   */
  getCredential?: (videoId: string, reason: CredentialRequestReason) => Promise<PlayAuthCredential>;
  /**
   * Start at this position (seconds) when a video is loaded, unless a resume position is saved.
   * Default `0`.
   */
  startTime?: number;
  /**
   * Resume where the viewer left off: the position is saved per VideoId while playing (at most
   * every {@link RESUME_SAVE_INTERVAL_MS} and on pause), restored on the next load unless it is
   * in the last seconds ({@link resumeLimit}: 5 s, or 10% of a short video), and cleared on
   * `ended`. Pass
   * `localStorageResume()` or your own {@link ResumeStorage}. Default: off.
   */
  resume?: ResumeStorage;
  /**
   * Trial playback: the SDK's `playConfig.PreviewTime` (also sent to GetPlayInfo) and a stop at
   * this many seconds, after which the snapshot reads `previewEnded: true`. Client-side only:
   * it is not enforcement, anyone can fetch the full stream with the credential. A change
   * re-creates the player. Default: off.
   */
  preview?: number;
  /**
   * Preferred stream format, sent to GetPlayInfo (SDK option `format`: `'hls'` is `m3u8`).
   * Default: the SDK's choice (MP4 when the video has one, else HLS). A change re-creates the
   * player, keeping position and play state.
   */
  format?: 'hls' | 'mp4';
  /**
   * Definition played first when the video has it, e.g. `'SD'` (SDK option `defaultDefinition`;
   * VOD names: `FD`, `LD`, `SD`, `HD`, `2K`, `4K`, `OD`). Default: the SDK's choice (the one the
   * viewer last picked in its menu, else the first listed). A change on a running player
   * switches to it like {@link PlayerController.setDefinition}.
   */
  definition?: string;
  /** At most one automatic renewal in this window (ms). Default `30_000`. */
  renewalMinIntervalMs?: number;
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Options {@link PlayerController.update} accepts. */
export type PlayerControllerUpdate = Partial<
  Pick<
    PlayerControllerOptions,
    | 'muted'
    | 'cover'
    | 'width'
    | 'height'
    | 'autoplay'
    | 'loop'
    | 'license'
    | 'options'
    | 'sdk'
    | 'telemetry'
    | 'getCredential'
    | 'startTime'
    | 'resume'
    | 'preview'
    | 'format'
    | 'definition'
  >
>;

const MANAGED = /* @__PURE__ */ new Set([
  'id',
  'vid',
  'playauth',
  'playAuth',
  'PlayAuth',
  'source',
]);

/** Options that need a new player to take effect. */
export const INIT_ONLY_OPTIONS: ReadonlySet<keyof PlayerControllerUpdate> = /* @__PURE__ */ new Set(
  ['loop', 'license', 'options', 'sdk', 'telemetry', 'preview', 'format'] as const,
);

/** Keys of `patch` whose values differ (by content) from those in `options`. */
export function changedOptions(
  options: PlayerControllerOptions,
  patch: PlayerControllerUpdate,
): Array<keyof PlayerControllerUpdate> {
  const keys = Object.keys(patch) as Array<keyof PlayerControllerUpdate>;
  return keys.filter((key) => !isSameOptionValue(options[key], patch[key]));
}

/** Applies the options the SDK can change on a running player: muted, cover and size. */
export function applyLiveOptions(
  player: Aliplayer,
  options: PlayerControllerOptions,
  changed: ReadonlyArray<keyof PlayerControllerUpdate>,
): void {
  if (changed.includes('muted')) player[options.muted ? 'mute' : 'unMute']();
  if (changed.includes('cover') && options.cover) player.setCover(options.cover);
  if (changed.includes('width') || changed.includes('height')) {
    // The SDK's own defaults, since setPlayerSize needs both.
    player.setPlayerSize(options.width ?? '100%', options.height ?? '300px');
  }
}

/**
 * The SDK options for one player, managed fields last so nothing can override them. Adds
 * `customVodServerFirst: true` when `options.customVodServer` is set and the flag is not, and
 * `hlsUriToken` (the credential's) as `playConfig.MtsHlsUriToken`.
 */
export function buildAliplayerOptions(
  options: PlayerControllerOptions,
  managed: { id: string; vid: string; playauth: string },
  hlsUriToken?: string,
): AliplayerOptions {
  const extra: Record<string, unknown> = options.options ?? {};
  // The dedicated fields win when set; `undefined` values and managed keys are dropped below.
  const result: Record<string, unknown> = {
    assetPrefix: aliplayerAssetPrefix(options.sdk),
    ...extra,
    // Without the flag the SDK asks vod.<Region>.aliyuncs.com first and the custom server only
    // as a fallback.
    customVodServerFirst: extra.customVodServerFirst ?? (extra.customVodServer ? true : undefined),
    autoplay: options.autoplay ?? extra.autoplay ?? false,
    mute: options.muted ?? extra.mute,
    rePlay: options.loop ?? extra.rePlay,
    cover: options.cover ?? extra.cover,
    width: options.width ?? extra.width,
    height: options.height ?? extra.height,
    license: options.license ?? extra.license,
    format: options.format === 'hls' ? 'm3u8' : (options.format ?? extra.format),
    defaultDefinition: options.definition ?? extra.defaultDefinition,
  };
  for (const key in result) if (result[key] === undefined || MANAGED.has(key)) delete result[key];
  // Component types named by string: classes of the component scripts the loader ran.
  if (Array.isArray(extra.components)) {
    const classes = (globalThis as { AliPlayerComponent?: Record<string, unknown> })
      .AliPlayerComponent;
    result.components = extra.components.map((component) =>
      typeof component?.type === 'string'
        ? { ...component, type: classes?.[component.type] }
        : component,
    );
  }
  if (options.preview || hlsUriToken) {
    const playConfig: Record<string, unknown> = { ...(extra.playConfig as object) };
    if (options.preview) playConfig.PreviewTime = options.preview;
    if (hlsUriToken) playConfig.MtsHlsUriToken = hlsUriToken;
    result.playConfig = playConfig;
  }
  if (!options.telemetry) {
    result.trackLog = false;
    result.disableTrack = true;
    result.disableDumpBuffer = true;
  }
  return { ...result, ...managed };
}

/**
 * Structural equality for option values (plain objects and arrays compared by content,
 * everything else with `Object.is`), so inline objects re-created on every render are not
 * mistaken for changes.
 */
export function isSameOptionValue(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (depth > 8 || typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const plain = (value: object) => {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === Array.prototype || proto === null;
  };
  if (!plain(a) || !plain(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      isSameOptionValue(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        depth + 1,
      ),
  );
}
