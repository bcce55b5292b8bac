import type { GetVideoPlayAuthResponse } from '@playauth/core';
import { VodApiError } from './VodApiError';

/**
 * Tuning of the `coalesce` option of `createPlayAuthHandler` beyond sharing calls in flight.
 *
 * Every field is optional; `coalesce: {}` means the same as `coalesce: true`.
 */
export interface PlayAuthCoalesceOptions {
  /**
   * How long, in milliseconds after the VOD request was sent, a successful answer for the same
   * `(VideoId, AuthInfoTimeout)` is handed to later requests instead of calling VOD again.
   * Each such answer reports the validity *left* in `AuthInfoTimeout`, and an answer is never
   * reused once less than 90% of its validity is left, whatever `reuseMs` says.
   *
   * Default: `min(10 s, 10% of the validity)`, which is 10 s for every validity VOD allows
   * (100..3000 s). `0` turns reuse off and keeps only the sharing of calls in flight.
   */
  reuseMs?: number;
  /**
   * Most answers kept for reuse at once; beyond it the oldest is dropped. Default `1000`.
   * Each entry is one `GetVideoPlayAuth` body (about 2 KB).
   */
  maxEntries?: number;
}

/** One answer of the coalescer: the VOD body and the validity (seconds) to report with it. */
export interface CoalescedPlayAuth {
  body: GetVideoPlayAuthResponse;
  /** Seconds the PlayAuth is still valid for, counted from now (`AuthInfoTimeout` of the answer). */
  authInfoTimeout: number;
}

interface Reusable {
  body: GetVideoPlayAuthResponse;
  /** Epoch ms when the VOD request was sent: VOD counts the validity from later, so this errs early. */
  issuedAt: number;
  /** Validity asked of VOD, seconds. */
  validity: number;
}

/** The share of the validity that must be left for an answer to be reused. */
const MIN_LEFT = 0.9;
const DEFAULT_REUSE_CAP_MS = 10_000;

/** Default reuse window for a validity of `seconds`: min(10 s, 10% of the validity). */
export function defaultReuseMs(seconds: number): number {
  return Math.min(DEFAULT_REUSE_CAP_MS, seconds * 100);
}

/**
 * Shares `GetVideoPlayAuth` calls between requests for the same `(VideoId, AuthInfoTimeout)`:
 * requests that arrive while a call is in flight wait for it, and for `reuseMs` after a
 * successful call was sent its answer is handed out again with the validity left. Failures are
 * never kept: the next request after a failed call makes a new one.
 *
 * Memory is bounded: answers that can no longer be reused are dropped when they are next looked
 * up or when they reach the front of the map on an insert, and the map never holds more than
 * `maxEntries` answers (the oldest go first).
 *
 * Internal to {@link createPlayAuthHandler}; exported for its tests.
 */
export class PlayAuthCoalescer {
  private readonly inflight = new Map<string, Promise<GetVideoPlayAuthResponse>>();
  private readonly reusable = new Map<string, Reusable>();
  private readonly reuseMs: number | undefined;
  private readonly maxEntries: number;

  /**
   * @param options - Reuse window and size cap, already validated by the handler.
   * @param now - Clock in epoch ms (`Date.now` by default); tests inject their own.
   */
  constructor(
    options: PlayAuthCoalesceOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.reuseMs = options.reuseMs;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** Answers kept for reuse right now (expired ones may still count until they are swept). */
  get size(): number {
    return this.reusable.size;
  }

  /**
   * The PlayAuth for `videoId` with `validity` seconds: a reusable answer, the call in flight,
   * or a new call made with `call()`.
   */
  async get(
    videoId: string,
    validity: number,
    call: () => Promise<GetVideoPlayAuthResponse>,
  ): Promise<CoalescedPlayAuth> {
    const key = `${videoId}\n${validity}`;
    const reused = this.reuse(key);
    if (reused) return reused;
    const pending = this.inflight.get(key);
    // Joiners get the full validity, as before reuse existed. Their browsers sent their requests
    // after the VOD call was sent, but VOD starts the validity only when it handles the call, so
    // their expiry is late by at most the time VOD's answer takes to come back.
    if (pending) return { body: await pending, authInfoTimeout: validity };

    const issuedAt = this.now();
    const started = call();
    this.inflight.set(key, started);
    const settle = (body?: GetVideoPlayAuthResponse) => {
      if (this.inflight.get(key) !== started) return;
      this.inflight.delete(key);
      // Stored in the same tick as the call leaves the in-flight map, so no request can fall
      // between the two and start a second call.
      if (body) this.keep(key, { body, issuedAt, validity });
    };
    started.then(settle, () => settle());
    return { body: await started, authInfoTimeout: validity };
  }

  private windowMs(validity: number): number {
    return this.reuseMs ?? defaultReuseMs(validity);
  }

  /** Whole seconds left of `entry` at `at`, or undefined when it may not be reused any more. */
  private secondsLeft(entry: Reusable, at: number): number | undefined {
    const age = at - entry.issuedAt;
    if (age < 0 || age >= this.windowMs(entry.validity)) return undefined;
    const left = Math.floor((entry.issuedAt + entry.validity * 1000 - at) / 1000);
    return left >= entry.validity * MIN_LEFT ? left : undefined;
  }

  private reuse(key: string): CoalescedPlayAuth | undefined {
    const entry = this.reusable.get(key);
    if (!entry) return undefined;
    const left = this.secondsLeft(entry, this.now());
    if (left === undefined) {
      this.reusable.delete(key);
      return undefined;
    }
    return { body: entry.body, authInfoTimeout: Math.min(entry.validity, left) };
  }

  private keep(key: string, entry: Reusable): void {
    const at = this.now();
    // Also skips storing when reuse is off (`reuseMs: 0`) or the call outlasted the window.
    if (this.secondsLeft(entry, at) === undefined) return;
    // Re-inserting moves the key to the back, so the map stays in order of storage.
    this.reusable.delete(key);
    this.reusable.set(key, entry);
    for (const [oldest, candidate] of this.reusable) {
      const expired = this.secondsLeft(candidate, at) === undefined;
      if (!expired && this.reusable.size <= this.maxEntries) break;
      this.reusable.delete(oldest);
    }
  }
}

function configError(message: string): VodApiError {
  return new VodApiError('InvalidConfiguration', `createPlayAuthHandler: ${message}`);
}

/**
 * The coalescer for a `coalesce` option of `createPlayAuthHandler` (`true`, `false` or
 * {@link PlayAuthCoalesceOptions}); `undefined` when sharing is off.
 *
 * @throws {@link VodApiError} `InvalidConfiguration` for a malformed option.
 */
export function createPlayAuthCoalescer(
  coalesce: unknown,
  now: (() => number) | undefined,
): PlayAuthCoalescer | undefined {
  if (coalesce === false) return undefined;
  if (now !== undefined && typeof now !== 'function') {
    throw configError('now must be a function returning epoch milliseconds, like Date.now');
  }
  if (coalesce === true) return new PlayAuthCoalescer({}, now);
  if (typeof coalesce !== 'object' || coalesce === null) {
    throw configError('coalesce must be true, false or { reuseMs?, maxEntries? }');
  }
  const { reuseMs, maxEntries } = coalesce as PlayAuthCoalesceOptions;
  if (reuseMs !== undefined && !(Number.isFinite(reuseMs) && reuseMs >= 0)) {
    throw configError('coalesce.reuseMs must be a number of milliseconds >= 0 (0 turns reuse off)');
  }
  if (maxEntries !== undefined && !(Number.isInteger(maxEntries) && maxEntries > 0)) {
    throw configError('coalesce.maxEntries must be a whole number > 0');
  }
  return new PlayAuthCoalescer({ reuseMs, maxEntries }, now);
}
