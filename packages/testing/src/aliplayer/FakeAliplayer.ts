import type {
  Aliplayer,
  AliplayerErrorData,
  AliplayerEventHandler,
  AliplayerEventName,
  AliplayerFullscreenService,
  AliplayerOptions,
  AliplayerStatus,
} from '@playauth/core';
import { checkAliplayerOptions } from './checkAliplayerOptions';
import { detectMode, licenseError } from './createPlayback';
import { EventRegistry } from './EventRegistry';
import {
  FAKE_ALIPLAYER_VERSION,
  type FakeAliplayerConfig,
  type FakeAliplayerOptions,
} from './FakeAliplayerConfig';
import { FakeSkin } from './FakeSkin';
import { type ChosenPlayInfo, PlayerSource } from './PlayerSource';
import {
  registerPlayer,
  registry,
  reportUncaught,
  resetRegistry,
  strictTrapMessage,
  unregisterPlayer,
} from './registry';

/** Delay of the SDK's licence verdict on http(s) pages. */
const LICENSE_CHECK_MS = 130;

// As observed in SDK 2.37.7: status `loading` from the media's load start and again at
// `canplay` (so an idle loaded player reports `loading`), `ready` at metadata.
const STATUS_BY_EVENT: Record<string, AliplayerStatus> = {
  init: 'init',
  loadstart: 'loading',
  durationchange: 'loading',
  canplay: 'loading',
  ready: 'ready',
  play: 'play',
  playing: 'playing',
  pause: 'pause',
  waiting: 'waiting',
  ended: 'ended',
  error: 'error',
};

/**
 * A stand-in for the Aliplayer web SDK (2.37.7) with the same observable behaviour, for tests
 * and offline demos. Pass it wherever the real constructor goes (`<VodPlayer sdk={FakeAliplayer}>`,
 * `new PlayerController({ sdk: FakeAliplayer })`).
 *
 * Same constructor checks, PlayAuth decoding (4012), signed GetPlayInfo or offline play info
 * (4002 expired, 4500 not found), events in the SDK's order with its `{ type, paramData }`,
 * autoplay by default, `authkeyexpired` 7000 s after load, restart at 0 on
 * `replayByVidAndPlayAuth`, SDK-like `dispose()` and `off(name)`. Time is simulated with timers
 * in jsdom (`vi.useFakeTimers()` drives it); a real `<video>` plays in a browser. The package
 * README lists every behaviour.
 *
 * Static switches for tests: {@link FakeAliplayer.enforceLicense} (default `false`),
 * {@link FakeAliplayer.strict} (default `true`), {@link FakeAliplayer.reset}.
 *
 * @example
 * ```ts
 * FakeAliplayer.configure({ videos: { v1: { title: 'Intro', duration: 30 } } });
 * const player = new FakeAliplayer({ id: 'player', vid: 'v1', playauth: createPlayAuth('v1') });
 * player.on('playing', () => console.log('playing'));
 * ```
 */
export class FakeAliplayer implements Aliplayer {
  /**
   * Mimic the licence check: on http(s) pages a player without `license: { domain, key }` fails
   * with error 4036 130 ms after creation, its `<video>` is removed and every listener (the
   * user's too) is dropped. Default `false`, since tests run on http://localhost. `file:` pages
   * are never checked, as with the SDK.
   */
  static enforceLicense = false;
  /**
   * Mimic the SDK's dispose-while-loading trap: a player disposed while its GetPlayInfo (or, on a
   * fresh page, the SDK's PlayAuth module) is still loading throws an uncaught `TypeError` when
   * that completes, as SDK 2.37.7 does (observed in Chromium; React StrictMode's
   * mount-unmount-mount hits it). Vitest reports it as an unhandled error. Default `true`.
   */
  static strict = true;
  /** Receives the fake's uncaught errors instead of throwing them in a microtask. */
  static onUncaughtError: ((error: unknown) => void) | undefined = undefined;

  /** Players created and not yet disposed, oldest first. */
  static get instances(): readonly FakeAliplayer[] {
    return [...registry.live] as FakeAliplayer[];
  }
  /** How many players were constructed since the last {@link FakeAliplayer.reset}. */
  static get created(): number {
    return registry.created;
  }
  /** The most recently created live player. */
  static get latest(): FakeAliplayer | undefined {
    return registry.live.at(-1) as FakeAliplayer | undefined;
  }
  /** The current default config. */
  static get config(): Readonly<FakeAliplayerConfig> {
    return registry.config;
  }
  /** Merges `config` into the defaults of players created from now on. */
  static configure(config: FakeAliplayerConfig): void {
    registry.config = { ...registry.config, ...config };
  }
  /**
   * Disposes every live player, zeroes the counters and restores the default config and
   * switches. Call it in `afterEach`.
   */
  static reset(): void {
    resetRegistry();
    FakeAliplayer.enforceLicense = false;
    FakeAliplayer.strict = true;
    FakeAliplayer.onUncaughtError = undefined;
  }
  /** The SDK version it mimics, marked fake: `'2.37.7-fake'`. */
  static getVersion(): string {
    return FAKE_ALIPLAYER_VERSION;
  }

  /** The container element (`#id`). */
  readonly container: HTMLElement;
  /** `simulated` (timers) or `media` (a real `<video>`). */
  readonly mode: 'simulated' | 'media';
  /** The `<video>`; `null` after dispose. */
  tag: HTMLVideoElement | null;
  readonly fullscreenService: AliplayerFullscreenService;

  readonly #options: FakeAliplayerOptions;
  readonly #config: FakeAliplayerConfig;
  readonly #events = new EventRegistry((error) =>
    reportUncaught(error, FakeAliplayer.onUncaughtError),
  );
  readonly #skin: FakeSkin;
  readonly #ready: ((player: FakeAliplayer) => void) | undefined;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #source: PlayerSource;
  #status: AliplayerStatus = 'init';
  #readyCalled = false;
  #disposed = false;
  readonly #epoch = registry.epoch;
  #licenseBlocked = false;
  #muted: boolean;
  #volume = 1;
  /** Time and duration reported between a replay call and its new source (the old ones). */
  #held = { time: 0, duration: 0 };

  /**
   * @throws `TypeError` when `options.id` is not a string; `SyntaxError` (DOMException) when it
   * is not a valid CSS id; `Error` when no element has that id or when `playauth` is missing.
   */
  constructor(options: AliplayerOptions, ready?: (player: FakeAliplayer) => void) {
    const { container, playauth } = checkAliplayerOptions(options);
    this.#options = { width: '100%', height: '300px', autoplay: true, ...options };
    if (playauth) this.#options.playauth = playauth;
    this.#config = { ...registry.config, ...this.#options.fake };
    this.#ready = ready;
    this.#muted = this.#options.mute === true;
    this.mode = detectMode(this.#config.mode);
    this.container = container;

    registerPlayer(this);

    container.classList.add('prism-player');
    // The SDK sizes the container only where it has no inline size of its own.
    container.style.width ||= String(this.#options.width);
    container.style.height ||= String(this.#options.height);
    container.replaceChildren();
    this.#skin = new FakeSkin(container, () => this.play(), this.#options.autoplay !== false);
    this.#skin.bind(this.#events);
    if (this.#options.cover) this.#skin.setCover(this.#options.cover);
    this.tag = this.#skin.video;
    this.tag.muted = this.#muted;
    this.fullscreenService = this.#skin.fullscreenService((name) => this.#emit(name));

    if (FakeAliplayer.enforceLicense) {
      const page = new URL(globalThis.location?.href ?? 'file:///');
      if (page.protocol === 'http:' || page.protocol === 'https:') {
        this.#later(() => this.#checkLicense(page), LICENSE_CHECK_MS);
      }
    }
    this.#source = this.#createSource();
    if (playauth) void this.#source.load(this.#options.vid, playauth, false);
    else void this.#source.loadUrl(String(this.#options.source));
  }

  play(): this {
    if (!this.#disposed && !this.#licenseBlocked) this.#source.engine?.play();
    return this;
  }

  pause(): this {
    if (!this.#disposed) this.#source.engine?.pause();
    return this;
  }

  /** Restarts from 0 and plays. */
  replay(): this {
    this.#source.engine?.seek(0);
    return this.play();
  }

  seek(seconds: number): this {
    if (!this.#disposed) this.#source.engine?.seek(seconds);
    return this;
  }

  getCurrentTime(): number {
    return this.#source.engine?.currentTime ?? this.#held.time;
  }

  getDuration(): number {
    return this.#source.engine?.duration ?? this.#held.duration;
  }

  getStatus(): AliplayerStatus {
    return this.#status;
  }

  mute(): this {
    return this.#setMuted(true);
  }

  unMute(): this {
    return this.#setMuted(false);
  }

  /** Whether the player is muted (not in the SDK's typed surface; for assertions). */
  get muted(): boolean {
    return this.#muted;
  }

  setVolume(volume: number): this {
    this.#volume = Math.min(1, Math.max(0, volume));
    this.#source.engine?.setVolume(this.#volume);
    return this;
  }

  getVolume(): number {
    return this.#source.engine?.volume ?? this.#volume;
  }

  setSpeed(rate: number): this {
    this.#source.engine?.setRate(rate);
    // The SDK sets the `<video>`'s rate (it has no getter; readers use `tag.playbackRate`).
    if (this.tag && rate > 0) this.tag.playbackRate = rate;
    return this;
  }

  setCover(url: string): void {
    this.#options.cover = url;
    this.#skin.setCover(url);
  }

  setPlayerSize(width: string, height: string): void {
    this.#options.width = width;
    this.#options.height = height;
    this.container.style.width = width;
    this.container.style.height = height;
  }

  getOptions(): FakeAliplayerOptions {
    return this.#options;
  }

  /** What the last GetPlayInfo chose: play URL, format, duration and title (for assertions). */
  get playInfo(): ChosenPlayInfo | undefined {
    return this.#source.chosen;
  }

  /**
   * Every handler ever passed to `on`, per event, as SDK 2.37.7 records them (`storeUserEvents`:
   * its `on` wrapper appends, `off` leaves them here, and a reloaded instance re-attaches them
   * all). Whatever a handler closes over stays reachable from the player until it is dropped
   * from here.
   */
  readonly __user_events__: Record<string, Array<(event: never) => void>> = {};

  on<N extends AliplayerEventName>(name: N, handler: AliplayerEventHandler<N>): this {
    if (typeof handler === 'function') {
      const stored = this.__user_events__[name] ?? [];
      stored.push(handler as never);
      this.__user_events__[name] = stored;
    }
    this.#events.add(name, handler);
    return this;
  }

  /**
   * Detaches `handler`. Without a handler it removes **every** listener of `name`, the fake UI's
   * internal ones included, as the SDK does: always pass the handler.
   */
  off<N extends AliplayerEventName>(name: N, handler?: AliplayerEventHandler<N>): this {
    this.#events.remove(name, handler);
    return this;
  }

  one<N extends AliplayerEventName>(name: N, handler: AliplayerEventHandler<N>): this {
    this.#events.add(name, handler, { once: true });
    return this;
  }

  /** User-attached listeners (of one event, or all): assert that nothing leaks. */
  listenerCount(name?: AliplayerEventName): number {
    return this.#events.count(name, false);
  }

  /** Listeners of the fake UI (what `off(name)` without a handler also removes). */
  internalListenerCount(name?: AliplayerEventName): number {
    return this.#events.count(name, true);
  }

  /**
   * Fetches play info again for `vid` with `playauth` and plays the new source from 0 (the
   * position is not kept, as with the SDK).
   */
  replayByVidAndPlayAuth(vid: string, playauth: string): void {
    if (this.#disposed || this.#licenseBlocked) return;
    this.#options.vid = vid;
    this.#options.playauth = playauth;
    // As SDK 2.37.7: the previous video's cover is dropped.
    this.#options.cover = '';
    this.#skin.hideError();
    this.#held = { time: this.getCurrentTime(), duration: this.getDuration() };
    this.#source.stop();
    this.#status = 'init';
    void this.#source.load(vid, playauth, true);
  }

  /**
   * Plays `url` (playing if `autoplay`, default the `autoplay` option). With
   * `keepVideo` (the SDK's own quality-menu switch) from `seconds`; `url` must then be one of the play info's
   * streams: the video, its stream list and `authkeyexpired` timer stay. Without it the fake
   * plays `url` as a direct source and forgets `vid`, as the SDK does.
   */
  loadByUrl(url: string, seconds = 0, autoplay?: boolean, keepVideo = false): void {
    if (this.#disposed || this.#licenseBlocked) return;
    if (keepVideo) {
      this.#source.switchUrl(url, seconds, autoplay);
      return;
    }
    this.#options.vid = undefined;
    this.#source.stop();
    this.#options.source = url;
    void this.#source.loadUrl(url);
  }

  /** Broken in SDK 2.37.7: throws a `TypeError`. Use {@link replayByVidAndPlayAuth}. */
  updateSourcesByVidAndPlayAuth(_vid?: string, _playauth?: string): never {
    throw new TypeError(
      'this.service.loadData is not a function (updateSourcesByVidAndPlayAuth is broken in Aliplayer 2.37.7: use replayByVidAndPlayAuth)',
    );
  }

  /** Fires an SDK event as the SDK would (e.g. `'authkeyexpired'` without waiting 7000 s). */
  simulateEvent<N extends AliplayerEventName>(name: N, paramData?: unknown): void {
    this.#emit(name, paramData);
  }

  /** Fails like the SDK with `code` (e.g. 4400 expired play URL, 4016 network), stopping playback. */
  simulateError(code: number, message = `Simulated error ${code}`): void {
    this.#fail({
      mediaId: this.#options.vid ?? '',
      error_code: code,
      error_msg: message,
      display_msg: message,
    });
  }

  /**
   * Destroys the player: stops playback and timers, empties the container (class `prism-player`
   * and the inline size stay). Idempotent.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    unregisterPlayer(this);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#source.stop();
    this.container.replaceChildren();
    this.tag = null;
  }

  #emit(name: string, paramData: unknown = null): void {
    if (this.#disposed) return;
    this.#status = STATUS_BY_EVENT[name] ?? this.#status;
    this.#events.emit(name, paramData);
  }

  #fail(error: AliplayerErrorData): void {
    this.#source.engine?.halt();
    this.#emit('error', error);
  }

  #later(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#disposed) callback();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  #setMuted(muted: boolean): this {
    this.#muted = muted;
    if (this.#source.engine) this.#source.engine.setMuted(muted);
    else if (this.tag) this.tag.muted = muted;
    return this;
  }

  #createSource(): PlayerSource {
    const player = this;
    return new PlayerSource({
      options: this.#options,
      config: this.#config,
      mode: this.mode,
      get tag() {
        return player.tag;
      },
      get muted() {
        return player.#muted;
      },
      get volume() {
        return player.#volume;
      },
      get disposed() {
        return player.#disposed;
      },
      get active() {
        return !player.#licenseBlocked;
      },
      emit: (name, paramData) => this.#emit(name, paramData),
      fail: (error) => this.#fail(error),
      prepared: (coverUrl, replay) => {
        if (!this.#options.cover && coverUrl) this.#skin.setCover(coverUrl);
        if (replay || !this.#ready || this.#readyCalled) return;
        this.#readyCalled = true;
        try {
          this.#ready(this);
        } catch (error) {
          reportUncaught(error, FakeAliplayer.onUncaughtError);
        }
      },
      answeredAfterDispose: (phase) => {
        if (FakeAliplayer.strict && this.#epoch === registry.epoch) {
          reportUncaught(new TypeError(strictTrapMessage(phase)), FakeAliplayer.onUncaughtError);
        }
      },
      later: (callback, ms) => this.#later(callback, ms),
    });
  }

  #checkLicense(page: URL): void {
    const error = licenseError(this.#options, this.#config, page);
    if (!error) return;
    this.#emit('error', error);
    this.#source.engine?.halt();
    this.#licenseBlocked = true;
    this.#events.clear();
    this.#skin.removeVideo();
  }
}
