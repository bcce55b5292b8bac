import type {
  Aliplayer,
  AliplayerErrorData,
  AliplayerEventHandler,
  AliplayerEventName,
} from './Aliplayer';
import { errorReference } from './errorReference';
import { PlayerError } from './PlayerError';
import { releaseHidden } from './parkHidden';

/** Marks the elements the controller creates for its players. */
export const MOUNT_ATTRIBUTE = 'data-playauth-mount';

/** Events that end a play-info load, successful or not. */
const SETTLING_EVENTS: readonly AliplayerEventName[] = ['playInfoLoaded', 'ready', 'error'];

/**
 * One SDK player and the element it lives in. The app's container is never given to the SDK:
 * every player gets a fresh inner `<div>` with its own id, so a player that must outlive its
 * teardown for a while (see `LingeringPlayers`) never collides with the next one in the
 * same container, and the SDK's `prism-*` classes and inline size stay off the app's element.
 *
 * It also knows whether the SDK is loading play info (from construction, and from every
 * {@link PlayerMount.replay}, until `playInfoLoaded`, `ready` or `error`): SDK 2.37.7 throws an
 * uncaught `TypeError` when a player disposed meanwhile gets its answer.
 */
export class PlayerMount {
  /** The element given to the SDK (`options.id` is its id). */
  readonly element: HTMLDivElement;
  readonly player: Aliplayer;
  /**
   * The error the SDK reported inside its constructor. Once its PlayAuth module is loaded (every
   * player but the first on a page), an undecodable PlayAuth fires `error` 4012 before `new`
   * returns, so no listener attached afterwards hears it; only `getStatus()` reads `'error'`.
   * The SDK has no option to attach an `error` handler earlier (its `components` option would
   * replace the SDK's default component), hence the status check.
   */
  readonly createError: AliplayerErrorData | undefined;
  #loadingPlayInfo: boolean;
  #destroyed = false;
  #waiters: Array<() => void> = [];
  readonly #onSettle: AliplayerEventHandler = () => this.#settle();

  /**
   * Creates the element (appended to `container`) and the player in it.
   *
   * @param construct Builds the player for the element id it is given.
   * @throws PlayerError `PlayerCreateFailed` (kind `sdk`) when `construct` throws; the element
   *   is removed first.
   */
  constructor(container: HTMLElement, id: string, construct: (id: string) => Aliplayer) {
    const element = container.ownerDocument.createElement('div');
    element.id = id;
    element.setAttribute(MOUNT_ATTRIBUTE, '');
    container.appendChild(element);
    try {
      this.player = construct(id);
    } catch (cause) {
      element.remove();
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new PlayerError(
        'PlayerCreateFailed',
        (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
          ? `Aliplayer not created (${reason}): the container must be in the document.`
          : errorReference('PlayerCreateFailed', reason),
        { kind: 'sdk', retryable: true, cause },
      );
    }
    this.element = element;
    // The only failure SDK 2.37.7 reports synchronously; its own message for it.
    this.createError =
      this.player.getStatus() === 'error'
        ? { error_code: 4012, error_msg: 'playauth decoded failed.' }
        : undefined;
    this.#loadingPlayInfo = !this.createError;
    for (const name of SETTLING_EVENTS) this.player.on(name, this.#onSettle);
  }

  /** Whether the SDK waits for play info (disposing it now would make it throw later). */
  get loading(): boolean {
    return this.#loadingPlayInfo && !this.#destroyed;
  }

  /** `replayByVidAndPlayAuth`, noting that play info is being loaded again. */
  replay(vid: string, playauth: string): void {
    const before = this.#loadingPlayInfo;
    this.#loadingPlayInfo = true;
    try {
      this.player.replayByVidAndPlayAuth(vid, playauth);
    } catch (error) {
      this.#loadingPlayInfo = before;
      throw error;
    }
  }

  /** Calls `callback` once play info has settled (at once if it has), unless destroyed first. */
  whenSettled(callback: () => void): void {
    if (this.#destroyed) return;
    if (!this.#loadingPlayInfo) callback();
    else this.#waiters.push(callback);
  }

  /**
   * Detaches its listeners (with the exact handlers), disposes the player and removes the
   * element, cleared of the SDK's classes and inline size. Idempotent.
   */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#waiters = [];
    const { player } = this;
    try {
      for (const name of SETTLING_EVENTS) player.off(name, this.#onSettle);
    } catch {
      // After a licence error the SDK has dropped every listener itself.
    }
    try {
      player.dispose();
    } catch {
      // A player the SDK already tore down (e.g. after a licence error) may throw: ignore.
    }
    const { element } = this;
    element.remove();
    // `dispose()` leaves `prism-player` and the inline size; whoever still holds the element
    // (e.g. through the player) finds none of the SDK's state on it.
    element.removeAttribute('class');
    element.removeAttribute('style');
    // It may have waited hidden (lingering or pooled): the holder goes once empty.
    releaseHidden();
  }

  #settle(): void {
    if (!this.#loadingPlayInfo) return;
    this.#loadingPlayInfo = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }
}
