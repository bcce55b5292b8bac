import type { PlayerMount } from './PlayerMount';
import { parkHidden } from './parkHidden';

export { LINGERING_ATTRIBUTE } from './parkHidden';

/** The longest a torn-down player waits for its play info before it is disposed anyway (ms). */
export const LINGER_TIMEOUT_MS = 10_000;

/**
 * The most torn-down players left waiting at once; beyond it the oldest is disposed at once.
 * Only a page that churns players faster than GetPlayInfo answers gets there.
 */
export const MAX_LINGERING_PLAYERS = 16;

/**
 * Disposes torn-down players without tripping the SDK. Aliplayer 2.37.7 throws an uncaught
 * `TypeError` when a player disposed while its PlayAuth module or GetPlayInfo was loading gets
 * its answer (`reading 'accessKeyId'`, `reading 'vodMediaInfo'`). So a player torn down in that
 * state is hidden at once (its element moves into a hidden holder in `<body>`, where the SDK's
 * `document.querySelector('#id …')` still finds it, while the app's container is free for the
 * next player), and disposed in the task after its `playInfoLoaded`, `ready` or `error`, or after
 * {@link LINGER_TIMEOUT_MS} at the latest. Every other player is disposed at once.
 *
 * Bounded: at most {@link MAX_LINGERING_PLAYERS} wait, each with one timer.
 */
export class LingeringPlayers {
  /** Waiting players and their timers, oldest first. */
  readonly #waiting = new Map<PlayerMount, ReturnType<typeof setTimeout>>();

  /** How many torn-down players are waiting to be disposed. */
  get size(): number {
    return this.#waiting.size;
  }

  /** Disposes `mount` now, or once the SDK can take it (see {@link LingeringPlayers}). */
  retire(mount: PlayerMount): void {
    if (this.#waiting.has(mount)) return;
    if (!mount.loading) {
      mount.destroy();
      return;
    }
    parkHidden(mount.element);
    this.#waiting.set(
      mount,
      setTimeout(() => this.#finish(mount), LINGER_TIMEOUT_MS),
    );
    mount.whenSettled(() => {
      // Not inside the SDK's own dispatch: it goes on using the player after the event.
      clearTimeout(this.#waiting.get(mount));
      this.#waiting.set(
        mount,
        setTimeout(() => this.#finish(mount), 0),
      );
    });
    for (const oldest of this.#waiting.keys()) {
      if (this.#waiting.size <= MAX_LINGERING_PLAYERS) break;
      this.#finish(oldest);
    }
  }

  /** Disposes every waiting player now (e.g. between tests). */
  flush(): void {
    for (const mount of [...this.#waiting.keys()]) this.#finish(mount);
  }

  #finish(mount: PlayerMount): void {
    clearTimeout(this.#waiting.get(mount));
    this.#waiting.delete(mount);
    mount.destroy();
  }
}

/** The page's lingering players (they outlive the controllers that made them). */
export const lingeringPlayers = /* @__PURE__ */ new LingeringPlayers();
