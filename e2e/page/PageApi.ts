import type { AliplayerConstructor, AliplayerOptions } from '@playauth/core';
import type { VodPlayerHandle } from '@playauth/react';
import type { AliplayerObservations, AliplayerScenario } from '@playauth/testing/contract';

// The one test page (e2e/page), shared by the e2e tests and the browser benchmarks. It is opened
// as a file: URL (the only place the real SDK plays without a licence), so Playwright drives it
// through `window.playauthPage` and `page.evaluate`; there is no other channel.
//
// Query parameter `scenario` picks what the page does on load:
// - `player` (default): one `<VodPlayer>` configured from the query (`endpoint`, `vod`, `sdk`,
//   `videoId`, `strict`, `loop`, `autoplay`, `authTimeout`, `authInfoTimeout`, `format`,
//   `definition`, `fake` (FakeAliplayer instead of the real SDK; `mp4`: with `hlsPlayback: 'mp4'`),
//   `pool` (the provider's `playerPool`));
// - `contract`: nothing; `contract()` runs Aliplayer contract scenarios on demand;
// - `mount`: nothing; `mount()` mounts players on demand (the benchmarks).

/**
 * The contract fixture as plain data (it crosses `page.evaluate`): PlayAuths minted on the Node
 * side, handed out one per player.
 */
export interface PageContractFixture {
  videoId: string;
  missingVideoId: string;
  /** Fresh PlayAuths for `videoId`, one per player a scenario creates. */
  playAuths: string[];
  /** A PlayAuth for `missingVideoId`. */
  missingPlayAuth: string;
  /** A PlayAuth for `videoId` whose AuthInfo has expired. */
  expiredPlayAuth: string;
  options: Partial<AliplayerOptions>;
  timeoutMs: number;
}

/** One entry of the page's event log (VodPlayer callbacks, in order). */
export interface PageEvent {
  type: string;
  /** `performance.now()` when it happened. */
  at: number;
  /** currentTime for timeupdate, the error code for errors, the video id for renewals. */
  detail?: string | number;
}

/** How `mount()` mounts one player. */
export interface MountOptions {
  /**
   * `ours`: `<VodPlayer>` (SDK load and credential fetch in parallel). `baseline`: load the SDK,
   * then fetch, then create (same PlayerController). `sdk`: the same sequence with a bare
   * `new Aliplayer()` / `dispose()`, no playauth code (what the SDK leaves behind by itself).
   */
  mode: 'ours' | 'baseline' | 'sdk';
  /** Credential endpoint (the real handler on 127.0.0.1). */
  endpoint: string;
  /** GetPlayInfo server (`customVodServer`): the emulator. */
  vod: string;
  /** Base URL of the SDK build folder (a self-hosted copy). */
  sdk: string;
  videoId: string;
  strict?: boolean;
  loop?: boolean;
  authInfoTimeout?: number;
  /** `<VodPlayer format>` (`ours` only). */
  format?: 'hls' | 'mp4';
  /**
   * `ours`: the provider's `playerPool` (idle SDK players kept for reuse across mounts). The
   * provider stays mounted for the page's life. Default 0 (off).
   */
  pool?: number;
}

/** A media event any `<video>` of the page fired, with `performance.now()` and its position. */
export interface MediaEvent {
  type: string;
  at: number;
  position: number;
}

/** What leaked after unmounts, measured after a forced GC. */
export interface LeakCounts {
  /** Player instances still reachable. */
  players: number;
  /** Player containers still reachable while detached from the document. */
  detachedContainers: number;
  /** `<video>` elements still reachable while detached. */
  detachedVideos: number;
  /** Timers (timeouts, intervals, animation frames) still scheduled. */
  timers: number;
  /** `.prism-player` elements left in the document. */
  prismNodes: number;
}

/** `scenario=player`: drives the `<VodPlayer>` the query configured. */
export interface PlayerScenarioApi {
  /** Events of the current VodPlayer, in order. */
  events: PageEvent[];
  /** Switch the mounted player to another video. */
  setVideoId(videoId: string): void;
  /** Mount the player again after `unmount()`. */
  remount(): void;
  getCurrentTime(): number;
  seek(seconds: number): void;
  renew(): Promise<void>;
  /** The mounted VodPlayer's handle (the handle methods on the real SDK), or null. */
  handle(): VodPlayerHandle | null;
  /** The real SDK constructor (loaded through `loadAliplayer`). */
  loadSdk(): Promise<AliplayerConstructor>;
  /** Runs one Aliplayer contract scenario against the real SDK or FakeAliplayer. */
  contract(
    scenario: AliplayerScenario,
    implementation: 'real' | 'fake',
    fixture: PageContractFixture,
  ): Promise<AliplayerObservations>;
}

/** `scenario=mount`: mounts players on demand and counts what they leave behind. */
export interface MountApi {
  /** Mounts one player; returns `performance.now()` at the start (before any work). */
  mount(options: MountOptions): number;
  /** Media events since the page loaded, oldest first. */
  mediaEvents: MediaEvent[];
  /** Resolves with the time of the first `playing` at or after `since`, or null after `timeoutMs`. */
  playingAfter(since: number, timeoutMs: number): Promise<number | null>;
  /** The current SDK player instance (for diagnostics). */
  player(): unknown;
  /** Position of the current `<video>`, NaN without one. */
  position(): number;
  /** Resource loads that started at or after `since` (path only; ms relative to `since`). */
  resources(since: number): Array<{ name: string; start: number; end: number }>;
  /** Marks the cached credentials stale, so the next one is fetched from the backend. */
  expireCredentials(): void;
  /** Fires an SDK event on the current player, as the SDK itself would (e.g. `authkeyexpired`). */
  triggerPlayerEvent(name: string): boolean;
  /** Renewals the mounted `<VodPlayer>` reported. */
  renewals: number;
  /** Counts what is left over; call after a GC. */
  leaks(): LeakCounts;
}

/** What every scenario of the page offers. */
export interface CommonPageApi {
  /**
   * Unmounts the current player: the query's `<VodPlayer>` (and its provider subtree; a
   * `data-testid="unmounted"` note replaces it), or the one `mount()` mounted (React unmount, or
   * `controller.dispose()` for the baseline).
   */
  unmount(): void;
  /** The first `<video>`'s state, for assertions independent of the SDK's API. */
  video(): { currentTime: number; paused: boolean; src: string; readyState: number } | null;
}

/**
 * `window.playauthPage`. Everything is always there; a call that needs another scenario throws
 * and says which.
 */
export interface PageApi extends CommonPageApi, PlayerScenarioApi, MountApi {}

declare global {
  interface Window {
    /** Set by the test page once it is ready (see {@link PageApi}). */
    playauthPage?: PageApi;
    /** Installed by the tracking init script of measureBrowserCycles: pending timers. */
    __benchTimers?: { active: () => number; describe: () => string[] };
    /** Installed by the same script: SDK players constructed so far. */
    __benchConstructed?: number;
  }
}
