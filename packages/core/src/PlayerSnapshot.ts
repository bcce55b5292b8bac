import type { PlayAuthError } from './PlayAuthError';
import type { PlayerError } from './PlayerError';

/** Lifecycle state of a {@link PlayerController}. */
export type PlayerStatus =
  | 'idle'
  | 'loading-sdk'
  | 'creating'
  | 'ready'
  | 'playing'
  | 'paused'
  | 'ended'
  | 'renewing'
  | 'error'
  | 'disposed';

/** Immutable state of a {@link PlayerController}; a new object only when something changed. */
export interface PlayerSnapshot {
  status: PlayerStatus;
  /** The video loaded (or being loaded). */
  videoId?: string;
  /** Set in status `'error'`. */
  error?: PlayerError | PlayAuthError;
  /** The player has fetched its play info: the credential is consumed, refreshing may stop. */
  sourceLoaded: boolean;
  /** The first `playing` has been seen for the current video. */
  playbackStarted: boolean;
  /** Successful renewals (manual and automatic) since construction. */
  renewals: number;
  /** The browser refused autoplay (the SDK's `autoPlayPrevented`); cleared by `playing`. */
  autoplayBlocked?: boolean;
  /** Playback reached the `preview` limit; cleared when another video is loaded. */
  previewEnded?: boolean;
}

/** Holds a {@link PlayerSnapshot} for `useSyncExternalStore`: a new object only on change. */
export class SnapshotStore {
  #value: PlayerSnapshot = {
    status: 'idle',
    sourceLoaded: false,
    playbackStarted: false,
    renewals: 0,
  };
  readonly #listeners = new Set<() => void>();

  get(): PlayerSnapshot {
    return this.#value;
  }

  /** Merges `patch`; notifies listeners only if a field actually changed. */
  set(patch: Partial<PlayerSnapshot>): void {
    const current = this.#value as unknown as Record<string, unknown>;
    const changed = Object.entries(patch).some(([key, value]) => !Object.is(current[key], value));
    if (!changed) return;
    this.#value = { ...this.#value, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
