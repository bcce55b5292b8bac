import type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerEvent,
  AliplayerEventName,
  AliplayerStatus,
} from './Aliplayer';
import { DeferredTask } from './DeferredTask';
import { createElementId } from './elementId';
import { errorReference } from './errorReference';
import { lingeringPlayers } from './LingeringPlayers';
import { loadAliplayer } from './loadAliplayer';
import { obtainCredential, usableCredential } from './obtainCredential';
import type { PlayAuthCredential } from './PlayAuthCredential';
import { isPlayAuthError, PlayAuthError } from './PlayAuthError';
import { PlaybackKeeper } from './PlaybackKeeper';
import {
  applyLiveOptions,
  buildAliplayerOptions,
  type CredentialRequestReason,
  changedOptions,
  INIT_ONLY_OPTIONS,
  type PlayerControllerOptions,
  type PlayerControllerUpdate,
} from './PlayerControllerOptions';
import { PlayerError, toPlayerError } from './PlayerError';
import { PlayerEventBridge } from './PlayerEventBridge';
import { PlayerMount } from './PlayerMount';
import { putPooledPlayer, takePooledPlayer } from './PlayerPool';
import { type PlayerSnapshot, SnapshotStore } from './PlayerSnapshot';
import { RenewalPolicy } from './RenewalPolicy';
import {
  RESUME_SAVE_INTERVAL_MS,
  readResumePosition,
  resumeLimit,
  writeResumePosition,
} from './resumePlayback';

export type { PlayerSnapshot, PlayerStatus } from './PlayerSnapshot';

/** One stream of the SDK's play info (`playInfoLoaded`'s `urls`). */
interface Stream {
  definition: string;
  Url: string;
}
const NETWORK_EVENTS = ['online', 'offline'] as const;

/** Whether the browser says it is offline (never in Node). */
const offline = () => globalThis.navigator?.onLine === false;

/** `playConfig` with `MtsHlsUriToken` set to `token` (`undefined` drops out of its JSON). */
const withToken = (playConfig: unknown, token?: string) => ({
  ...(playConfig as object),
  MtsHlsUriToken: token,
});

/**
 * Loads `credential`'s video on `mount`'s player. The SDK sends its live `playConfig` with the
 * new GetPlayInfo: it gets the new credential's token first.
 */
function replayWith(mount: PlayerMount, credential: PlayAuthCredential): void {
  const live = mount.player.getOptions?.();
  if (live) live.playConfig = withToken(live.playConfig, credential.hlsUriToken);
  mount.replay(credential.videoId, credential.playAuth);
}

/** `value` if `min <= value <= max`, else a typed error naming the method and the range. */
function inRange(method: string, value: number, min: number, max: number): number {
  if (value >= min && value <= max) return value;
  throw new PlayAuthError(
    'InvalidParameter',
    (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
      ? `${method}(${value}): pass a number from ${min} to ${max}.`
      : errorReference('InvalidParameter', method),
  );
}

/**
 * Owns one Aliplayer instance in one container, framework-free. The constructor has no side
 * effects: work starts with {@link PlayerController.attach} + {@link PlayerController.load}, and
 * construction is deferred to a later task, so a `dispose()` in the same tick (React StrictMode)
 * never builds a player. After `dispose()` the controller can be attached and loaded again.
 *
 * It manages `id`, `vid` and `playauth`, turns autoplay and SDK telemetry off unless asked,
 * never hands an expired credential to the SDK, renews credentials keeping position and play
 * state, and stops automatic renewal loops (at most one per `renewalMinIntervalMs`).
 *
 * @example
 * ```ts
 * const controller = new PlayerController({
 *   license: { domain: 'example.com', key: LICENCE_KEY },
 *   getCredential: (videoId) => fetchPlayAuth({ endpoint: '/api/play-auth', videoId }),
 * });
 * void controller.preload(); // SDK load in parallel with the credential fetch
 * controller.attach(document.querySelector('#player-box')!);
 * controller.load(await fetchPlayAuth({ endpoint: '/api/play-auth', videoId }));
 * const off = controller.on('ended', () => console.log('done'));
 * // later
 * off();
 * controller.dispose();
 * ```
 */
export class PlayerController {
  /**
   * CSS-safe id given to the container, e.g. `playauth-k3j9x2-1`. Each SDK player lives in an
   * element the controller creates inside it, with the id `<elementId>-<n>`.
   */
  readonly elementId: string = createElementId();

  #options: PlayerControllerOptions;
  readonly #policy: RenewalPolicy;
  readonly #now: () => number;
  #container: HTMLElement | undefined;
  #credential: PlayAuthCredential | undefined;
  #mount: PlayerMount | undefined;
  /** The SDK and init-only options the current player was built with (its pool entry). */
  #kind: [AliplayerConstructor, string] | undefined;
  #mounts = 0;
  /** Bumped by every teardown: async steps of an older generation stop. */
  #generation = 0;
  /** Bumped by every renew/switch and by errors: superseded operations stop. */
  #operation = 0;
  readonly #builder = new DeferredTask(() => this.#build());
  #awaitingCredential = false;
  /** The streams of the current play info (the SDK's `urls`: one format, one per definition). */
  #streams: Stream[] = [];
  /** Where the current player starts (seconds), applied on its first `canplay`. */
  #startAt = 0;
  /** When the resume position was last saved (epoch ms). */
  #savedAt = 0;
  readonly #playback: PlaybackKeeper;
  readonly #store = new SnapshotStore();
  /** The SDK events the controller itself handles (bridged while a player exists), then the app's. */
  readonly #events = new PlayerEventBridge({
    playInfoLoaded: (_, event) => {
      this.#streams = (event.paramData as { urls?: Stream[] } | null)?.urls ?? this.#streams;
      this.#store.set({ sourceLoaded: true });
    },
    ready: () => this.#onReady(),
    playing: (player) => {
      // Prepared for another video: a load still on its way (SDK autoplay) must not play.
      if (!this.#credential) return this.#playback.hold(player);
      this.#playback.observe('playing', player);
      this.#store.set({
        playbackStarted: true,
        autoplayBlocked: false,
        ...(!this.#playback.restoring && { status: 'playing', error: undefined }),
      });
    },
    pause: (player) => this.#onStop(player, 'pause'),
    ended: (player) => this.#onStop(player, 'ended'),
    error: (_, event) => this.#onError(event.paramData),
    authkeyexpired: () => this.#renewAutomatically('expired'),
    canplay: (player) => {
      const restored = this.#playback.restoreOnCanPlay(player);
      if (restored) {
        this.#store.set({ status: restored.playing ? 'playing' : 'paused', error: undefined });
      } else if (this.#startAt) player.seek(this.#startAt);
      this.#startAt = 0;
    },
    timeupdate: (player) => {
      this.#playback.observe('timeupdate', player);
      this.#saveResume(player);
      const { preview } = this.#options;
      // The SDK stops at PreviewTime too; this also covers builds and fakes that do not.
      if (preview && player.getCurrentTime() >= preview) {
        player.pause();
        this.#store.set({ previewEnded: true });
      }
    },
    autoPlayPrevented: () => this.#store.set({ autoplayBlocked: true }),
    waiting: () => this.#network(),
  });
  /**
   * The browser went offline or back online (also on `waiting`). Offline with the media stalled
   * (no data ahead) is a network error; back online, a retryable error is retried, keeping
   * position and play state.
   */
  readonly #network = () => {
    const { status, error } = this.#store.get();
    if (!offline()) {
      if (status === 'error' && error?.retryable) void this.renew();
    } else if (status === 'playing' && (this.player?.tag?.readyState ?? 4) < 3) {
      this.#fail(toPlayerError({ error_code: 4016, error_msg: 'offline' }));
    }
  };

  /** @param options See {@link PlayerControllerOptions}; all optional. */
  constructor(options: PlayerControllerOptions = {}) {
    this.#options = { ...options };
    this.#now = options.now ?? Date.now;
    this.#policy = new RenewalPolicy(options.renewalMinIntervalMs, this.#now);
    this.#playback = new PlaybackKeeper(this.#now);
  }

  /** The Aliplayer instance, once built. */
  get player(): Aliplayer | undefined {
    return this.#mount?.player;
  }

  /**
   * Starts loading the SDK (once; shared with later calls, retried after a failure). Call it
   * early so the SDK loads while the credential is fetched. Never rejects unhandled.
   */
  preload(): Promise<AliplayerConstructor> {
    // loadAliplayer shares a load per source and forgets a failed one.
    const promise = loadAliplayer(this.#options.sdk);
    promise.catch(() => {});
    return promise;
  }

  /**
   * Gives the controller its container and sets `container.id` to {@link elementId}. The
   * element must be in the document (not in a shadow root) when the player is built; the player
   * goes into a child element the controller adds, so the container itself keeps its classes
   * and style.
   */
  attach(container: HTMLElement): void {
    if (this.#container === container) return;
    const restart = this.player !== undefined || this.#builder.busy;
    if (restart) this.#teardown(true);
    container.id = this.elementId;
    this.#container = container;
    if (this.#store.get().status === 'disposed') this.#store.set({ status: 'idle' });
    if (this.#credential) this.#scheduleBuild();
  }

  /**
   * Plays `credential`'s video. The player is built in a later task (never in this one), after
   * the SDK has loaded and once a container is attached. An expired credential is never given to
   * the SDK: `getCredential(videoId, 'expired')` is asked instead, or the status becomes
   * `'error'`. On a running player another video is switched to (see {@link switch}).
   */
  load(credential: PlayAuthCredential): void {
    if (this.player) {
      if (credential.videoId !== this.#credential?.videoId) void this.switch(credential);
      else this.#credential = credential;
      return;
    }
    this.#credential = credential;
    const status = this.#store.get().status === 'disposed' ? 'idle' : this.#store.get().status;
    this.#store.set({ videoId: credential.videoId, status });
    this.#scheduleBuild();
  }

  /**
   * Renews the credential of the current video on the running player: saves position and
   * play state, calls `replayByVidAndPlayAuth`, seeks back on `canplay` and restores the play
   * state. Without `credential` it asks `getCredential(videoId, 'manual')`. Also the "retry"
   * after any error: without a player it builds one. Resolves when done; failures never
   * reject but show in {@link getSnapshot} (`status: 'error'`).
   */
  async renew(credential?: PlayAuthCredential): Promise<void> {
    if (this.#store.get().status === 'disposed') return;
    const videoId = this.#credential?.videoId ?? credential?.videoId;
    if (!videoId) {
      this.#fail(
        new PlayAuthError(
          'InvalidParameter',
          (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
            ? 'renew(): call load(credential) first.'
            : errorReference('InvalidParameter', 'renew'),
        ),
      );
      return;
    }
    if (credential && credential.videoId !== videoId) {
      this.#fail(
        new PlayAuthError(
          'VideoIdMismatch',
          (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
            ? `renew(): credential for ${credential.videoId}, ${videoId} loaded: use switch(credential).`
            : errorReference('VideoIdMismatch', 'renew'),
        ),
      );
      return;
    }
    await this.#replay(videoId, credential, this.#keyReason('manual'), true);
  }

  /**
   * Plays another video on the running player (no re-creation), from the start, keeping the
   * play state. Without a player it behaves like {@link load}. The same video renews instead.
   * Failures never reject but show in {@link getSnapshot}.
   */
  async switch(credential: PlayAuthCredential): Promise<void> {
    if (!this.player) {
      this.load(credential);
      return this.#scheduleBuild();
    }
    if (credential.videoId === this.#credential?.videoId) return this.renew(credential);
    this.#policy.reset();
    this.prepare(credential.videoId);
    this.#credential = credential;
    await this.#replay(credential.videoId, credential, 'expired', false);
  }

  /**
   * Announces the next video before its credential is here (e.g. when the app's `videoId`
   * changes). If the player shows another one, that one stops at once: it is paused (the play
   * state is kept for the switch that follows), a switch or renewal on its way is dropped, and
   * the snapshot reads `videoId` with status `'creating'`, so no old video plays under a new
   * state, also when the new one then fails. A no-op without a player or for the video shown.
   *
   * @example
   * ```ts
   * controller.prepare(nextId); // the old video stops now
   * controller.switch(await fetchPlayAuth({ endpoint, videoId: nextId }));
   * ```
   */
  prepare(videoId: string): void {
    const player = this.player;
    if (!player || videoId === this.#store.get().videoId) return;
    this.#operation += 1;
    // What the player holds is no longer asked for: the next load() switches, even back to it.
    this.#credential = undefined;
    this.#playback.hold(player);
    this.#store.set({
      videoId,
      status: 'creating',
      sourceLoaded: false,
      playbackStarted: false,
      error: undefined,
      previewEnded: false,
    });
  }

  /**
   * Applies changed options. `muted`, `cover`, `width` and `height` go to the running player;
   * `loop`, `license`, `options`, `sdk` and `telemetry` re-create it, keeping video, position
   * and play state; `autoplay` and `getCredential` apply from the next load. Values are
   * compared by content, so passing equal inline objects again changes nothing.
   */
  update(options: PlayerControllerUpdate): void {
    const changed = changedOptions(this.#options, options);
    if (changed.length === 0) return;
    this.#options = { ...this.#options, ...options };
    const player = this.player;
    if (!player) return;
    if (changed.some((key) => INIT_ONLY_OPTIONS.has(key))) {
      this.#playback.carryOver(this.#playback.capture(player));
      this.#teardown(true);
      void this.#scheduleBuild();
      return;
    }
    const { definition } = this.#options;
    if (changed.includes('definition') && this.#streams.some((s) => s.definition === definition)) {
      void this.setDefinition(definition as string);
    }
    applyLiveOptions(player, this.#options, changed);
  }

  /** Starts playback (no-op without a player). */
  play(): void {
    this.player?.play();
  }

  /** Pauses playback (no-op without a player). */
  pause(): void {
    this.player?.pause();
  }

  /** Seeks to `seconds` (no-op without a player). */
  seek(seconds: number): void {
    this.player?.seek(seconds);
  }

  /** Current position in seconds (0 without a player). */
  getCurrentTime(): number {
    return this.player?.getCurrentTime() ?? 0;
  }

  /**
   * Sets the playback rate (SDK `setSpeed`); no-op without a player.
   * @throws PlayAuthError `InvalidParameter` unless `0.0625 <= rate <= 16` (the browsers' range).
   */
  setPlaybackRate(rate: number): void {
    this.player?.setSpeed?.(inRange('setPlaybackRate', rate, 0.0625, 16));
  }

  /** The playback rate (the SDK has no getter: its `<video>`'s `playbackRate`); 1 without a player. */
  getPlaybackRate(): number {
    return this.player?.tag?.playbackRate ?? 1;
  }

  /**
   * Sets the volume (SDK `setVolume`; 0 also mutes); no-op without a player.
   * @throws PlayAuthError `InvalidParameter` unless `0 <= volume <= 1`.
   */
  setVolume(volume: number): void {
    this.player?.setVolume(inRange('setVolume', volume, 0, 1));
  }

  /** The volume from 0 to 1 (SDK `getVolume`); 1 without a player. */
  getVolume(): number {
    return this.player?.getVolume() ?? 1;
  }

  /**
   * Mutes or unmutes the running player (SDK `mute` / `unMute`). The `muted` option is left as
   * is, so an app that controls `muted` itself should change that option instead.
   */
  setMuted(muted: boolean): void {
    this.player?.[muted ? 'mute' : 'unMute']();
  }

  /** Enters fullscreen (SDK `fullscreenService.requestFullScreen`); call it from a user gesture. */
  requestFullscreen(): void {
    this.player?.fullscreenService.requestFullScreen();
  }

  /** Leaves fullscreen (SDK `fullscreenService.cancelFullScreen`). */
  exitFullscreen(): void {
    this.player?.fullscreenService.cancelFullScreen();
  }

  /**
   * Switches the running player to another definition of the current video (one of
   * {@link getDefinitions}), keeping position and play state, the way the SDK's own quality
   * menu does (`loadByUrl(url, position, playing, true)`). Renewals keep it. Resolves once
   * playback is back at the position, then fires `definitionChange` to {@link on} handlers.
   * No-op without a player or for the current definition.
   *
   * @throws PlayAuthError `InvalidParameter` when the video has no such definition.
   * @example
   * ```ts
   * if (controller.getDefinitions().includes('SD')) await controller.setDefinition('SD');
   * ```
   */
  setDefinition(definition: string): Promise<void> {
    const player = this.player;
    const previous = this.getDefinition();
    if (!player?.loadByUrl || definition === previous) return Promise.resolve();
    const stream = this.#streams.find((item) => item.definition === definition);
    if (!stream) {
      throw new PlayAuthError(
        'InvalidParameter',
        (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
          ? `setDefinition(${definition}): pass one of [${this.getDefinitions()}].`
          : errorReference('InvalidParameter', 'setDefinition'),
      );
    }
    const live = player.getOptions?.();
    // The SDK picks `defaultDefinition` again when a renewal reloads the play info.
    if (live) live.defaultDefinition = definition;
    const state = this.#playback.capture(player);
    const done = this.#playback.expect(state);
    player.loadByUrl(stream.Url, state.position, state.playing, true);
    return done.then(() =>
      this.#events.emit({ type: 'definitionChange', paramData: { definition, previous } }),
    );
  }

  /** The definitions of the current video, in the SDK's order (e.g. `['LD', 'SD']`); `[]` before play info. */
  getDefinitions(): string[] {
    return this.#streams.map((stream) => stream.definition);
  }

  /**
   * The definition playing (e.g. `'SD'`): the stream whose URL the SDK plays (its `source`
   * option), so switches made in the SDK's own quality menu count too.
   */
  getDefinition(): string | undefined {
    const source = this.player?.getOptions?.().source;
    return this.#streams.find((stream) => stream.Url === source)?.definition;
  }

  /** The SDK's own status (`getStatus()`); `'init'` without a player. See also {@link getSnapshot}. */
  getStatus(): AliplayerStatus {
    return this.player?.getStatus() ?? 'init';
  }

  /**
   * Listens to an SDK event. The handler survives renewals, switches and re-creation; it is
   * detached from the SDK with the exact function that was attached. Returns the unsubscriber.
   */
  on<N extends AliplayerEventName>(
    name: N,
    handler: (event: AliplayerEvent<N>) => void,
  ): () => void {
    return this.#events.add(name, handler);
  }

  /** Calls `listener` after every snapshot change. Returns the unsubscriber. */
  subscribe(listener: () => void): () => void {
    return this.#store.subscribe(listener);
  }

  /** The current {@link PlayerSnapshot}; the same object until something changes. */
  getSnapshot(): PlayerSnapshot {
    return this.#store.get();
  }

  /**
   * Detaches every SDK handler (passing the exact handler to `off`), removes the player's
   * element from the container, disposes the player and cancels pending work. Idempotent.
   * `attach` + `load` may start again afterwards, at once, in the same container.
   *
   * A player still loading its play info is only hidden now and disposed once the SDK has its
   * answer (at most 10 s later): SDK 2.37.7 throws an uncaught `TypeError` otherwise. While the
   * page's `playerPool` has room, a healthy player is kept there (paused, hidden) for the next
   * controller instead of being disposed.
   */
  dispose(): void {
    if (this.#store.get().status === 'disposed' && !this.#container) return;
    this.#teardown(false);
    this.#container = undefined;
    this.#store.set({
      status: 'disposed',
      error: undefined,
      sourceLoaded: false,
      playbackStarted: false,
    });
  }

  /** Schedules a build; resolves once the player is created, the build failed or was cancelled. */
  #scheduleBuild(): Promise<void> {
    return this.player ? Promise.resolve() : this.#builder.schedule();
  }

  async #build(): Promise<void> {
    const generation = this.#generation;
    const stale = () => generation !== this.#generation;
    if (!this.#container || !this.#credential || this.player) return;
    try {
      this.#store.set({ status: 'loading-sdk', error: undefined });
      const Aliplayer = await this.preload();
      if (stale() || !this.#credential) return;
      const credential = await this.#credentialFor(
        this.#credential.videoId,
        this.#credential,
        'expired',
      );
      const start = await this.#startFor(credential);
      if (stale() || !this.#container) return;
      this.#credential = credential;
      this.#startAt = start;
      this.#store.set({
        status: 'creating',
        videoId: credential.videoId,
        sourceLoaded: false,
        playbackStarted: false,
        previewEnded: false,
      });
      this.#create(Aliplayer, credential, this.#container);
    } catch (error) {
      if (!stale()) this.#fail(error);
    }
  }

  #create(
    Aliplayer: AliplayerConstructor,
    credential: PlayAuthCredential,
    container: HTMLElement,
  ): void {
    const { videoId: vid, playAuth: playauth } = credential;
    const options = (id: string) =>
      buildAliplayerOptions(this.#options, { id, vid, playauth }, credential.hlsUriToken);
    // Live options (mute, cover), the managed ones and the credential's token are not part of a
    // pooled player's kind.
    const { id, vid: _, playauth: __, mute, cover, ...init } = options('');
    const key = JSON.stringify({ ...init, playConfig: withToken(init.playConfig) });
    const pooled = takePooledPlayer(Aliplayer, key);
    const mount =
      pooled ??
      new PlayerMount(
        container,
        `${this.elementId}-${++this.#mounts}`,
        (id) =>
          new Aliplayer(options(id), (ready) => {
            if (ready === this.player) this.#onReady();
          }),
      );
    this.#mount = mount;
    this.#kind = [Aliplayer, key];
    this.#playback.startPlayer();
    this.#events.connect(mount.player);
    for (const type of NETWORK_EVENTS) addEventListener(type, this.#network);
    if (pooled) {
      const { player } = pooled;
      container.appendChild(pooled.element);
      // Nothing of the previous video: rate, volume and muted as a new player has them.
      player.setSpeed?.(1);
      player.setVolume(1);
      // replayByVidAndPlayAuth restarts at 0 with no cover; autoplay is applied on `canplay`.
      if (!this.#playback.restoring) {
        void this.#playback.expect({ position: this.#startAt, playing: !!init.autoplay });
      }
      this.#startAt = 0;
      replayWith(pooled, credential);
      applyLiveOptions(player, this.#options, ['muted', 'cover']);
    } else if (mount.createError) {
      this.#fail(toPlayerError(mount.createError, { license: this.#options.license }));
    }
  }

  #onStop(player: Aliplayer, type: 'pause' | 'ended'): void {
    const restoring = this.#playback.restoring;
    const status = this.#store.get().status;
    this.#saveResume(player, type);
    this.#playback.observe(type, player);
    // Not while the next video is on its way (see prepare) or an error shows.
    if (!restoring && !this.#awaitingCredential && status !== 'error' && status !== 'creating') {
      this.#store.set({ status: type === 'pause' ? 'paused' : 'ended' });
    }
  }

  #onReady(): void {
    const status = this.#store.get().status;
    this.#store.set(
      status === 'creating' || status === 'loading-sdk'
        ? { sourceLoaded: true, status: 'ready' }
        : { sourceLoaded: true },
    );
  }

  #onError(data: AliplayerEvent<'error'>['paramData']): void {
    const error = toPlayerError(data, { license: this.#options.license });
    this.#playback.noteError();
    // The old source may keep failing while a fresh credential is on its way.
    if (this.#awaitingCredential) return;
    // Offline, a renewal would fail too: the error shows until the browser is back online.
    if (
      !this.#playback.restoring &&
      !offline() &&
      this.#policy.renewsOnError(error.playerCode ?? 0, this.#store.get().playbackStarted)
    ) {
      this.#renewAutomatically('error', error);
      return;
    }
    this.#fail(error);
  }

  #renewAutomatically(reason: 'expired' | 'error', cause?: PlayerError): void {
    const videoId = this.#credential?.videoId;
    if (this.#awaitingCredential || this.#playback.restoring || !videoId) return;
    if (!this.#options.getCredential) {
      // Without a source of credentials, an expiry warning is left to fail later on its own.
      if (cause) this.#fail(cause);
      return;
    }
    if (!this.#policy.admitAutomatic()) {
      this.#fail(this.#policy.limitError(cause));
      return;
    }
    void this.#replay(videoId, undefined, this.#keyReason(reason, cause), true);
  }

  /** `'key'` after a refused decryption key (the token must be new), else `reason`. */
  #keyReason(
    reason: CredentialRequestReason,
    error = this.#store.get().error,
  ): CredentialRequestReason {
    return (error as PlayerError | undefined)?.kind === 'key' ? 'key' : reason;
  }

  /** Replays `videoId` on the running player (or builds one) with a usable credential. */
  async #replay(
    videoId: string,
    given: PlayAuthCredential | undefined,
    reason: CredentialRequestReason,
    keepPosition: boolean,
  ): Promise<void> {
    const generation = this.#generation;
    const operation = ++this.#operation;
    const stale = () => generation !== this.#generation || operation !== this.#operation;
    if (keepPosition) this.#store.set({ status: 'renewing', error: undefined });
    this.#awaitingCredential = true;
    let credential: PlayAuthCredential;
    try {
      credential = await this.#credentialFor(videoId, given, reason);
    } catch (error) {
      if (!stale()) this.#fail(error);
      return;
    } finally {
      if (!stale()) this.#awaitingCredential = false;
    }
    if (stale()) return;
    this.#credential = credential;
    const mount = this.#mount;
    if (!mount) {
      await this.#scheduleBuild();
      return;
    }
    const start = keepPosition ? 0 : await this.#startFor(credential);
    if (stale()) return;
    const captured = this.#playback.capture(mount.player);
    // A retry of a start that failed plays if autoplay asked for it (nothing played yet).
    if (keepPosition && this.#options.autoplay && !this.#store.get().playbackStarted) {
      captured.playing = true;
    }
    // replayByVidAndPlayAuth restarts at 0: come back to the position on `canplay`.
    const done = this.#playback.expect(keepPosition ? captured : { ...captured, position: start });
    try {
      replayWith(mount, credential);
    } catch (error) {
      this.#fail(error);
      return;
    }
    await done;
    if (!stale() && keepPosition && this.#store.get().status !== 'error') {
      this.#store.set({ renewals: this.#store.get().renewals + 1 });
    }
  }

  /**
   * Where a newly loaded video starts: its saved resume position unless that is past
   * {@link resumeLimit} (the duration from its metadata), else `startTime`.
   */
  async #startFor({ videoId, videoMeta }: PlayAuthCredential): Promise<number> {
    const { resume, startTime = 0 } = this.#options;
    const saved = resume ? await readResumePosition(resume, videoId) : 0;
    return saved && saved < resumeLimit(videoMeta.duration) ? saved : startTime;
  }

  /** Saves the resume position (throttled while playing); `ended` clears it. */
  #saveResume(player: Aliplayer, reason?: 'pause' | 'ended'): void {
    const { resume } = this.#options;
    const videoId = this.#credential?.videoId;
    const now = this.#now();
    const position = reason === 'ended' ? 0 : player.getCurrentTime();
    // Nothing to save before the start position is applied or while a restore is pending.
    if (!resume || !videoId || this.#startAt || this.#playback.restoring) return;
    if (!reason && now - this.#savedAt < RESUME_SAVE_INTERVAL_MS) return;
    if (reason !== 'ended' && !(position > 0)) return;
    this.#savedAt = now;
    writeResumePosition(resume, videoId, position, player.getDuration());
  }

  /** The credential to replay with: the given one, or one from `getCredential`. */
  #credentialFor(
    videoId: string,
    given: PlayAuthCredential | undefined,
    reason: CredentialRequestReason,
  ): Promise<PlayAuthCredential> {
    const source = { getCredential: this.#options.getCredential, now: this.#now };
    // Without getCredential a manual retry reuses the current credential while it is valid.
    const reuse =
      given ??
      (source.getCredential || this.#credential?.videoId !== videoId ? 0 : this.#credential);
    return reuse ? usableCredential(source, reuse) : obtainCredential(source, videoId, reason);
  }

  #fail(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    const normalized: PlayerError | PlayAuthError = isPlayAuthError(error)
      ? error
      : new PlayerError(
          'PlayerFailed',
          (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
            ? `The player failed (${detail}): retry with renew().`
            : errorReference('PlayerFailed', detail),
          { kind: 'unknown', retryable: true, cause: error },
        );
    this.#operation += 1;
    this.#awaitingCredential = false;
    this.#playback.cancel();
    this.#store.set({ status: 'error', error: normalized });
  }

  /** Stops everything about the current player; `keepVideo` keeps what a rebuild restores. */
  #teardown(keepVideo: boolean): void {
    this.#generation += 1;
    this.#operation += 1;
    this.#builder.cancel();
    this.#awaitingCredential = false;
    this.#playback.cancel();
    const mount = this.#mount;
    this.#mount = undefined;
    this.#events.disconnect();
    for (const type of NETWORK_EVENTS) globalThis.removeEventListener?.(type, this.#network);
    const kind = this.#kind;
    // A player that loads play info or failed is not reused (the SDK may still throw or be broken).
    const reuse =
      mount && kind && !mount.loading && this.#store.get().status !== 'error'
        ? putPooledPlayer(kind[0], kind[1], mount)
        : false;
    if (mount && !reuse) lingeringPlayers.retire(mount);
    if (!keepVideo) this.#playback.reset();
  }
}
