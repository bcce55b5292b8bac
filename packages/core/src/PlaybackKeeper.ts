import type { Aliplayer } from './Aliplayer';

/** Where the viewer was and whether the video was playing. */
export interface PlaybackState {
  /** Seconds. */
  position: number;
  playing: boolean;
}

const noop = () => {};

/** A pause this close before an error is the SDK's own reaction to the failure (ms). */
const PAUSE_BEFORE_ERROR_MS = 1000;

/**
 * Keeps position and play state across `replayByVidAndPlayAuth` (which restarts at 0) and
 * across player re-creation: it follows the player's events, and on the next `canplay` after a
 * replay seeks back and restores play or pause.
 */
export class PlaybackKeeper {
  /** Last known play state (`playing` seen, not yet `pause`/`ended`). Errors do not change it. */
  playing = false;
  #lastPosition = 0;
  #pausedAt: number | undefined;
  #pending: (PlaybackState & { done: () => void }) | undefined;
  #carried: PlaybackState | undefined;
  /** Playing when {@link hold} paused it, until a restore is applied or `playing` is seen. */
  #held = false;

  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Whether a restore waits for `canplay`: play/pause events until then are transitional. */
  get restoring(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * The state to come back to. The player's time, or the last one seen when it reads 0
   * (after a failed source the media element may have been reset).
   */
  capture(player: Aliplayer | undefined): PlaybackState {
    const time = player?.getCurrentTime();
    const position =
      // `Number.isFinite` does not coerce: `undefined` (no player) fails it too.
      Number.isFinite(time) && (time as number) > 0 ? (time as number) : this.#lastPosition;
    return { position, playing: this.#held || this.playing };
  }

  /** Pauses `player` for a switch: that pause is not the viewer's, {@link capture} still says playing. */
  hold(player: Aliplayer): void {
    // A restore still waiting (a superseded switch) must not play either.
    this.cancel();
    this.#held ||= this.playing;
    player.pause();
  }

  /** Restores `state` on the next `canplay`; resolves then, or when cancelled. */
  expect(state: PlaybackState): Promise<void> {
    this.cancel();
    return new Promise<void>((done) => {
      this.#pending = { ...state, done };
    });
  }

  /** Restores `state` on the first `canplay` of the next player. */
  carryOver(state: PlaybackState): void {
    this.#carried = state;
  }

  /** A new player was created: it starts paused; a carried-over state now waits for `canplay`. */
  startPlayer(): void {
    this.playing = false;
    if (this.#carried) this.#pending = { ...this.#carried, done: noop };
    this.#carried = undefined;
  }

  /** Follows play state and position from the player's events. */
  observe(type: 'playing' | 'pause' | 'ended' | 'timeupdate', player: Aliplayer): void {
    if (type === 'playing') {
      this.playing = true;
      this.#held = false;
      this.#pausedAt = undefined;
    } else if (type !== 'timeupdate') {
      if (this.playing && type === 'pause') this.#pausedAt = this.#now();
      this.playing = false;
    } else if (!this.#pending) {
      const time = player.getCurrentTime();
      if (Number.isFinite(time)) this.#lastPosition = time;
    }
  }

  /**
   * The SDK pauses the media right before reporting some errors (`try { this.pause() }`); such a
   * pause is not the viewer's, so playback counts as running for the renewal that follows.
   */
  noteError(): void {
    const pausedAt = this.#pausedAt;
    this.#pausedAt = undefined;
    if (pausedAt !== undefined && this.#now() - pausedAt <= PAUSE_BEFORE_ERROR_MS)
      this.playing = true;
  }

  /**
   * On `canplay`: seeks back and restores play/pause if a restore is pending. Returns the
   * restored state, or `undefined` when there was nothing to restore.
   */
  restoreOnCanPlay(player: Aliplayer): PlaybackState | undefined {
    const pending = this.#pending;
    if (!pending) return undefined;
    this.#pending = undefined;
    this.#held = false;
    if (pending.position > 0) player.seek(pending.position);
    if (pending.playing) player.play();
    else player.pause();
    this.#lastPosition = pending.position;
    pending.done();
    return pending;
  }

  /** Drops a pending restore (its promise resolves). */
  cancel(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.done();
  }

  /** Forgets everything (another video, or disposal). */
  reset(): void {
    this.cancel();
    this.#pausedAt = undefined;
    this.#carried = undefined;
    this.playing = this.#held = false;
    this.#lastPosition = 0;
  }
}
