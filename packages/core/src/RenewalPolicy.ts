import { errorReference } from './errorReference';
import { PlayerError } from './PlayerError';

/**
 * SDK error codes that, once playback has started, mean "the credential or the signed play URL
 * ran out" and are answered with an automatic renewal: 4002 credential expired or rejected,
 * 4400 MP4 play URL refused, 4025 HLS play URL refused, 4016 network error.
 * Before playback started the same codes are real errors (a bad credential, a missing file).
 */
export const RENEWAL_ERROR_CODES: ReadonlySet<number> = /* @__PURE__ */ new Set([
  4002, 4400, 4025, 4016,
]);

/** Default window in which at most one automatic renewal happens: 30 s. */
export const DEFAULT_RENEWAL_MIN_INTERVAL_MS = 30_000;

/**
 * Decides when the player renews its credential by itself, and stops a renewal loop: at most
 * one automatic renewal per `minIntervalMs`. Manual renewals are not counted.
 */
export class RenewalPolicy {
  #lastAutomaticAt: number | undefined;

  readonly #minIntervalMs: number;
  readonly #now: () => number;

  constructor(minIntervalMs = DEFAULT_RENEWAL_MIN_INTERVAL_MS, now: () => number = Date.now) {
    this.#minIntervalMs = minIntervalMs;
    this.#now = now;
  }

  /** Whether an SDK error with `code` should trigger an automatic renewal. */
  renewsOnError(code: number, playbackStarted: boolean): boolean {
    return playbackStarted && RENEWAL_ERROR_CODES.has(code);
  }

  /**
   * Records an automatic trigger. Returns `false` when the previous one was less than
   * `minIntervalMs` ago: the caller must then stop and report instead of renewing again.
   */
  admitAutomatic(): boolean {
    const now = this.#now();
    const last = this.#lastAutomaticAt;
    if (last !== undefined && now - last < this.#minIntervalMs) return false;
    this.#lastAutomaticAt = now;
    return true;
  }

  /** The error to show when {@link admitAutomatic} refused: offer a retry (`renew()`). */
  limitError(cause?: PlayerError): PlayerError {
    return new PlayerError(
      'RenewalLimit',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `Two renewals within ${Math.round(this.#minIntervalMs / 1000)} s${cause ? ` (last: ${cause.message})` : ''}: auto renewal stopped: call renew().`
        : errorReference('RenewalLimit', cause?.code),
      { kind: 'renewalLimit', retryable: true, cause, playerCode: cause?.playerCode },
    );
  }

  /** Forgets past triggers (another video starts afresh). */
  reset(): void {
    this.#lastAutomaticAt = undefined;
  }
}
