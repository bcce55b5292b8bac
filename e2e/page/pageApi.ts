import type { AliplayerConstructor, AliplayerOptions, AliplayerScriptSource } from '@playauth/core';
import type { VodPlayerHandle } from '@playauth/react';
import type {
  AliplayerObservations,
  AliplayerScenario,
} from '../../packages/testing/src/contract/aliplayerScenarios';

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

/**
 * What the test page exposes as `window.playauthE2e`, so Playwright tests drive it through
 * `page.evaluate` (the page is a file: URL; there is no other channel).
 */
export interface PageApi {
  /** The SDK source the page loads (file: URLs of the installed `aliyun-aliplayer` build). */
  sdk: AliplayerScriptSource;
  /** Events of the current VodPlayer, in order. */
  events: PageEvent[];
  /** Switch the mounted player to another video. */
  setVideoId(videoId: string): void;
  /** Unmount the player (and its provider subtree). */
  unmount(): void;
  /** Mount it again. */
  mount(): void;
  getCurrentTime(): number;
  seek(seconds: number): void;
  renew(): Promise<void>;
  /** The mounted VodPlayer's handle (issue 17: the handle methods on the real SDK). */
  handle(): VodPlayerHandle | null;
  /** The underlying `<video>`'s state, for assertions independent of the SDK's API. */
  video(): { currentTime: number; paused: boolean; src: string; readyState: number } | null;
  /** The real SDK constructor (loaded through `loadAliplayer`), for the contract scenarios. */
  loadSdk(): Promise<AliplayerConstructor>;
  /** Runs one Aliplayer contract scenario against the real SDK or FakeAliplayer. */
  contract(
    scenario: AliplayerScenario,
    implementation: 'real' | 'fake',
    fixture: PageContractFixture,
  ): Promise<AliplayerObservations>;
}

declare global {
  interface Window {
    playauthE2e?: PageApi;
  }
}
