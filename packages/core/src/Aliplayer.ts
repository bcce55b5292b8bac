/**
 * Typed surface of the Aliplayer web SDK (`aliyun-aliplayer`, verified on 2.37.7).
 *
 * The SDK ships no TypeScript declarations; these types describe what the build actually does,
 * so a custom player can be written without `any`. Types only: importing this file costs nothing
 * at runtime.
 */

/** The Aliplayer licence (required on http(s) pages since SDK 2.28; a free basic one exists). */
export interface AliplayerLicense {
  /** The domain the licence was issued for, e.g. `example.com`. */
  domain: string;
  /** The licence key from the ApsaraVideo console. */
  key: string;
}

/** One entry of the `skinLayout` option: a UI component and its placement. */
export interface AliplayerSkinComponent {
  name: string;
  align?: 'tl' | 'tr' | 'bl' | 'br' | 'cc' | (string & {});
  x?: number;
  y?: number;
  children?: AliplayerSkinComponent[];
  [property: string]: unknown;
}

/**
 * Options of `new Aliplayer(options)`. Every option the SDK reads in PlayAuth mode is listed;
 * the index signature lets rarer ones through untyped.
 */
export interface AliplayerOptions {
  /**
   * Id of the container element, as a **string**. It must work in
   * `document.querySelector('#' + id)` (React `useId()` output such as `:r1:` does not), and
   * the element must be in the document (not in a shadow root). The SDK throws otherwise.
   */
  id: string;
  /** VOD video id (PlayAuth mode). */
  vid?: string;
  /** The PlayAuth credential (lower case; `playAuth` is ignored and the SDK throws). */
  playauth?: string;
  /** A direct play URL instead of `vid` + `playauth`. */
  source?: string;
  /** Poster image URL shown before playback. */
  cover?: string;
  /** CSS width of the player. SDK default `'100%'`. */
  width?: string;
  /** CSS height of the player. SDK default `'300px'`. */
  height?: string;
  /** Start playing once loaded. SDK default **`true`**. */
  autoplay?: boolean;
  /** Start muted (lets autoplay pass browser policies). SDK default `false`. */
  mute?: boolean;
  /** Loop playback. SDK default `false`. */
  rePlay?: boolean;
  /** Start loading media before play. SDK default `true`. */
  preload?: boolean;
  /** Inline playback on iOS. */
  playsinline?: boolean;
  /** Force the HTML5 player (always true in current builds). */
  useH5Prism?: boolean;
  /** Live stream mode. SDK default `false`. */
  isLive?: boolean;
  /** UI language. SDK default follows the browser (`zh-cn` or `en-us`). */
  language?: 'zh-cn' | 'en-us' | (string & {});
  /** Custom UI component layout; `false` hides the SDK UI. */
  skinLayout?: AliplayerSkinComponent[] | false;
  /** When the control bar shows. SDK default `'hover'`. */
  controlBarVisibility?: 'hover' | 'click' | 'always' | 'never';
  /** Hide the control bar after this many ms. SDK default `3000`. */
  showBarTime?: number;
  /** Requested stream format, e.g. `'mp4'`, `'m3u8'`, `'flv'`. */
  format?: 'mp4' | 'm3u8' | 'flv' | 'mp3' | (string & {});
  /** Definitions to offer, comma separated, e.g. `'FD,LD,SD,HD'`. */
  definition?: string;
  /** Definition played first, e.g. `'HD'`. */
  defaultDefinition?: string;
  /** Lifetime of the signed play URL in seconds. SDK default `7200`; `authkeyexpired` fires 7000 s after load. */
  authTimeout?: number;
  /** `1` asks for private encryption and switches on the SDK's anti-debugging on desktop. */
  encryptType?: 0 | 1;
  /** The Aliplayer licence. Without it, http(s) pages fail with error 4036. */
  license?: AliplayerLicense;
  /**
   * Absolute base URL the SDK loads its lazy parts from (`hls/`, `license/`, skin images).
   * A relative value resolves against the page's directory; a failed lazy load hangs silently.
   */
  assetPrefix?: string;
  /**
   * Send GetPlayInfo to this URL (plus `RegionId`). Alone it is only a fallback: the SDK asks
   * `vod.<region>.aliyuncs.com` first unless `customVodServerFirst` is `true` (the player
   * controller sets it for you).
   */
  customVodServer?: string;
  /** Try `customVodServer` before the regular hosts. SDK default `false`. */
  customVodServerFirst?: boolean;
  /** Ignored in PlayAuth mode: the region comes from the PlayAuth. */
  region?: string;
  /** SDK log reporting to Alibaba Cloud. SDK default `true`. */
  trackLog?: boolean;
  /** Switch off the SDK's tracking reports. SDK default `false`. */
  disableTrack?: boolean;
  /** Switch off the SDK's buffer dump logs. SDK default `false`. */
  disableDumpBuffer?: boolean;
  /** Markers shown on the progress bar. */
  progressMarkers?: Array<{
    offset: number;
    isCustomized?: boolean;
    coverUrl?: string;
    title?: string;
    describe?: string;
  }>;
  /** Keyboard shortcuts (space, arrows). */
  keyShortCuts?: boolean;
  /**
   * UI components, e.g. the watermark or marquee of `aliplayercomponents` (load their script
   * with the `components` of an `AliplayerScriptSource`). A string `type` names a class of
   * `window.AliPlayerComponent`, looked up when the player is built.
   */
  components?: Array<{
    name: string;
    type: string | (abstract new (...args: never[]) => unknown);
    args?: unknown[];
  }>;
  /** `PlayConfig` sent with GetPlayInfo (e.g. `{ PreviewTime: '20' }` for trial playback, `{ MtsHlsUriToken }` for HLS standard encryption). */
  playConfig?: Record<string, unknown>;
  /** Any other SDK option. */
  [option: string]: unknown;
}

/** `getStatus()` values. */
export type AliplayerStatus =
  | 'init'
  | 'ready'
  | 'loading'
  | 'play'
  | 'pause'
  | 'playing'
  | 'waiting'
  | 'error'
  | 'ended'
  | (string & {});

/**
 * Payload of the `error` event. Known codes: 4002 credential expired or rejected, 4012 PlayAuth
 * undecodable, 4016 network, 4024 nonce reused, 4025 HLS play URL refused, 4035-4041 licence,
 * 4400 MP4 play URL refused, 4500 server error or video not found.
 */
export interface AliplayerErrorData {
  error_code: number;
  /** Technical message (often the VOD `Message`). */
  error_msg: string;
  /** Localised message the SDK shows in its own error overlay. */
  display_msg?: string;
  /** The video id the error concerns. */
  mediaId?: string;
  /** VOD request id, when the error came from GetPlayInfo. */
  requestId?: string;
  /** Hint the SDK adds for some errors. */
  diagnosis_info?: string;
  uuid?: string;
  timestamp?: number;
  [field: string]: unknown;
}

/**
 * `paramData` of an event the SDK fires without data. SDK 2.37.7 passes `null` (its `trigger`
 * defaults to it); `undefined` is kept for other builds and fakes. Test with `== null`.
 */
export type AliplayerNoData = null | undefined;

/**
 * SDK event name -> `paramData` type. Extend it by declaration merging for events not listed:
 * `declare module '@playauth/core' { interface AliplayerEventMap { myEvent: string } }`.
 */
export interface AliplayerEventMap {
  /** GetPlayInfo answered; payload is the play info the SDK received. */
  playInfoLoaded: unknown;
  /** A stream was chosen; payload is its definition. */
  prepare: unknown;
  /** The player is ready to play (after play info and metadata). */
  ready: AliplayerNoData;
  /** The source URL was set on the media element. */
  sourceloaded: unknown;
  init: AliplayerNoData;
  changeURL: { from?: string } | AliplayerNoData;
  play: AliplayerNoData;
  pause: AliplayerNoData;
  playing: AliplayerNoData;
  waiting: AliplayerNoData;
  canplay: { loadtime?: number } | AliplayerNoData;
  canplaythrough: AliplayerNoData;
  loadstart: AliplayerNoData;
  loadedmetadata: AliplayerNoData;
  loadeddata: AliplayerNoData;
  progress: AliplayerNoData;
  /** The SDK passes an empty string. */
  durationchange: '' | AliplayerNoData;
  /** Payload varies by build (a timestamp or the current time): read `getCurrentTime()`. */
  timeupdate: number | AliplayerNoData;
  ended: { playTime?: number } | AliplayerNoData;
  error: AliplayerErrorData;
  /** Whether autoplay succeeded. */
  autoplay: boolean;
  autoPlayPrevented: AliplayerNoData;
  mutedAutoplay: unknown;
  /** The signed play URL is about to expire (7000 s after the source loaded). */
  authkeyexpired: unknown;
  requestFullScreen: AliplayerNoData;
  cancelFullScreen: AliplayerNoData;
  seeking: AliplayerNoData;
  seeked: AliplayerNoData;
  /** Seek started from this time (s). */
  startSeek: number;
  /** Seek completed to this time (s). */
  completeSeek: number;
  volumechange: AliplayerNoData;
  ratechange: AliplayerNoData;
  stalled: AliplayerNoData;
  suspend: AliplayerNoData;
  snapshoted: unknown;
  resolutionChange: unknown;
  levelsLoaded: unknown;
  levelSwitch: unknown;
  levelSwitched: unknown;
  settingSelected: unknown;
  videoUnavailable: unknown;
  liveStreamStop: unknown;
  onM3u8Retry: unknown;
  hideBar: AliplayerNoData;
  showBar: AliplayerNoData;
  textTrackReady: unknown;
  audioTrackReady: unknown;
  /**
   * Not an SDK event: `PlayerController` fires it to its `on` handlers once a
   * `setDefinition` switch is playing again at the kept position.
   */
  definitionChange: { definition: string; previous?: string };
}

/** Name of an Aliplayer event. */
export type AliplayerEventName = keyof AliplayerEventMap;

/** The object an Aliplayer event handler receives. */
export interface AliplayerEvent<N extends AliplayerEventName = AliplayerEventName> {
  type: N;
  paramData: AliplayerEventMap[N];
}

/** An Aliplayer event handler. Pass the same function to `off` to detach it. */
export type AliplayerEventHandler<N extends AliplayerEventName = AliplayerEventName> = (
  event: AliplayerEvent<N>,
) => void;

/** `player.fullscreenService`. */
export interface AliplayerFullscreenService {
  requestFullScreen(): void;
  cancelFullScreen(): void;
  getIsFullScreen(): boolean;
}

/**
 * An Aliplayer instance. Methods marked optional exist in the real SDK but need not be
 * implemented by fakes.
 */
export interface Aliplayer {
  play(): unknown;
  pause(): unknown;
  /** Restart from the beginning. */
  replay?(): unknown;
  /** Seek to `seconds`. */
  seek(seconds: number): unknown;
  /** Current position in seconds. */
  getCurrentTime(): number;
  /** Duration in seconds (0 before metadata). */
  getDuration(): number;
  getStatus(): AliplayerStatus;
  mute(): unknown;
  unMute(): unknown;
  /** Volume between 0 and 1. */
  setVolume(volume: number): unknown;
  getVolume(): number;
  setSpeed?(rate: number): unknown;
  /**
   * Destroy the player: empties the container (leaving class `prism-player` and inline size on
   * it). Idempotent.
   */
  dispose(): void;
  /** Attach a handler. */
  on<N extends AliplayerEventName>(name: N, handler: AliplayerEventHandler<N>): unknown;
  /**
   * Detach a handler. Always pass the handler: without one the SDK also removes its own UI
   * listeners.
   */
  off<N extends AliplayerEventName>(name: N, handler: AliplayerEventHandler<N>): unknown;
  /** Attach a handler that runs once. */
  one<N extends AliplayerEventName>(name: N, handler: AliplayerEventHandler<N>): unknown;
  /**
   * Fetch play info again with a new credential (another video or the same one). Playback
   * **restarts at 0**: save `getCurrentTime()` and seek back after `canplay` to keep the position.
   */
  replayByVidAndPlayAuth(vid: string, playauth: string): void;
  /**
   * Play a direct URL, optionally from `seconds`; `autoplay` plays it; `keepVideo` keeps `vid`
   * and the stream list (what the SDK's own quality menu passes to switch definitions).
   */
  loadByUrl?(url: string, seconds?: number, autoplay?: boolean, keepVideo?: boolean): void;
  setCover(url: string): void;
  /** Resize the player (CSS lengths). */
  setPlayerSize(width: string, height: string): void;
  setRotate?(degrees: number): void;
  getRotate?(): number;
  getOptions?(): AliplayerOptions;
  fullscreenService: AliplayerFullscreenService;
  /** The `<video>` element (null after dispose). */
  tag: HTMLVideoElement | null;
}

/** The `Aliplayer` constructor (`window.Aliplayer`, or the default export of `aliyun-aliplayer`). */
export interface AliplayerConstructor {
  /**
   * Creates a player synchronously in the element with id `options.id`. `ready` runs after play
   * info has loaded (never on failure). Throws when `playauth` is missing or the container is
   * not found.
   */
  new (options: AliplayerOptions, ready?: (player: Aliplayer) => void): Aliplayer;
  /** The SDK version, e.g. `'2.37.7'`. */
  getVersion?(): string;
}
