/** How the bench page mounts one player. */
export interface BenchMountOptions {
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
  /** Base URL of the SDK build folder (a self-hosted copy, see startSdkServer). */
  sdk: string;
  videoId: string;
  strict?: boolean;
  loop?: boolean;
  authInfoTimeout?: number;
}

/** A media or player event the page saw, with `performance.now()` and the `<video>` position. */
export interface BenchEvent {
  type: string;
  at: number;
  position: number;
}

/** What leaked after unmounts, measured after a forced GC (see measureBrowserCycles). */
export interface BenchLeakCounts {
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

/** `window.playauthBench`: what Playwright drives through `page.evaluate`. */
export interface BenchPageApi {
  /** Mounts one player; returns `performance.now()` at the start (before any work). */
  mount(options: BenchMountOptions): number;
  /** Unmounts it (React unmount, or `controller.dispose()` for the baseline). */
  unmount(): void;
  /** Events since the page loaded, oldest first. */
  events: BenchEvent[];
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
  leaks(): BenchLeakCounts;
}

declare global {
  interface Window {
    playauthBench?: BenchPageApi;
    /** Installed by the tracking init script of measureBrowserCycles: pending timers. */
    __benchTimers?: { active: () => number; describe: () => string[] };
    /** Installed by the same script: SDK players constructed so far. */
    __benchConstructed?: number;
  }
}
