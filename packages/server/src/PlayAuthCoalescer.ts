import type { GetVideoPlayAuthResponse } from '@playauth/core';
import { untilAborted } from './untilAborted';
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

/** A minted PlayAuth and when the VOD request for it was sent (epoch ms). */
export interface PlayAuthMint {
  body: GetVideoPlayAuthResponse;
  issuedAt: number;
}

/** How one request waits for a shared call. */
export interface ShareOptions {
  /** The request's signal: when it aborts, the request stops waiting (and rejects with its reason). */
  signal?: AbortSignal;
  /**
   * Longest a call is shared, ms from its start: a call older than this is neither joined nor
   * kept, and is aborted. Default: no limit.
   */
  maxCallMs?: number;
}

interface Flight {
  promise: Promise<PlayAuthMint>;
  controller: AbortController;
  startedAt: number;
  waiters: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** The share of the validity that must be left for an answer to be reused. */
const MIN_LEFT = 0.9;
const DEFAULT_REUSE_CAP_MS = 10_000;

/** Default reuse window for a validity of `seconds`: min(10 s, 10% of the validity). */
export function defaultReuseMs(seconds: number): number {
  return Math.min(DEFAULT_REUSE_CAP_MS, seconds * 100);
}

/**
 * Whole seconds an answer sent at `issuedAt` with `validity` seconds has left at `at`, or
 * `undefined` when it may not be reused: outside the window `windowMs`, from a clock that went
 * backwards, or with less than 90% of its validity left. The one reuse rule of every store.
 */
export function reusableSecondsLeft(
  issuedAt: number,
  validity: number,
  windowMs: number,
  at: number,
): number | undefined {
  const age = at - issuedAt;
  if (age < 0 || age >= windowMs) return undefined;
  const left = Math.floor((issuedAt + validity * 1000 - at) / 1000);
  return left >= validity * MIN_LEFT ? left : undefined;
}

/**
 * Shares `GetVideoPlayAuth` calls between requests for the same `(VideoId, AuthInfoTimeout)`:
 * requests that arrive while a call is in flight wait for it, and for `reuseMs` after a
 * successful call was sent its answer is handed out again with the validity left. Failures are
 * never kept: the next request after a failed call makes a new one.
 *
 * A call is aborted (through the signal its maker got) when every request waiting for it has
 * gone, or when it outlives `maxCallMs`; it is then no longer shared, so the next request makes a
 * fresh one instead of joining a call that may never settle.
 *
 * Memory is bounded: answers that can no longer be reused are dropped when they are next looked
 * up or when they reach the front of the map on an insert, and the map never holds more than
 * `maxEntries` answers (the oldest go first).
 *
 * The in-memory store of {@link createPlayAuthHandler}; the Redis store puts it in front of Redis.
 */
export class PlayAuthCoalescer {
  private readonly inflight = new Map<string, Flight>();
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

  /** Calls in flight right now. */
  get inFlight(): number {
    return this.inflight.size;
  }

  /** The reuse window for a validity of `seconds`, ms (`reuseMs`, or the default). */
  windowMs(validity: number): number {
    return this.reuseMs ?? defaultReuseMs(validity);
  }

  /**
   * The PlayAuth for `videoId` with `validity` seconds: a reusable answer, the call in flight,
   * or a new call made with `call(signal)`.
   */
  get(
    videoId: string,
    validity: number,
    call: (signal: AbortSignal) => Promise<GetVideoPlayAuthResponse>,
    options: ShareOptions = {},
  ): Promise<CoalescedPlayAuth> {
    return this.share(
      videoId,
      validity,
      async (signal) => {
        const issuedAt = this.now();
        return { body: await call(signal), issuedAt };
      },
      options,
    );
  }

  /** Like {@link get}, for a maker that may return an answer minted earlier (elsewhere). */
  async share(
    videoId: string,
    validity: number,
    mint: (signal: AbortSignal) => Promise<PlayAuthMint>,
    options: ShareOptions = {},
  ): Promise<CoalescedPlayAuth> {
    const { signal, maxCallMs } = options;
    signal?.throwIfAborted();
    const key = `${videoId}\n${validity}`;
    const reused = this.reuse(key);
    if (reused) return reused;
    let flight = this.inflight.get(key);
    if (flight && maxCallMs !== undefined && this.now() - flight.startedAt >= maxCallMs) {
      this.drop(key, flight);
      flight = undefined;
    }
    flight ??= this.start(key, validity, mint, maxCallMs);
    const minted = await this.wait(key, flight, signal);
    // Joiners get the full validity, as before reuse existed. Their browsers sent their requests
    // after the VOD call was sent, but VOD starts the validity only when it handles the call, so
    // their expiry is late by at most the time VOD's answer takes to come back. An answer minted
    // before this call started (by another process) reports what it has left.
    if (minted.issuedAt >= flight.startedAt)
      return { body: minted.body, authInfoTimeout: validity };
    const left = Math.floor((minted.issuedAt + validity * 1000 - this.now()) / 1000);
    return { body: minted.body, authInfoTimeout: Math.max(0, Math.min(validity, left)) };
  }

  private start(
    key: string,
    validity: number,
    mint: (signal: AbortSignal) => Promise<PlayAuthMint>,
    maxCallMs: number | undefined,
  ): Flight {
    const controller = new AbortController();
    const startedAt = this.now();
    const flight: Flight = {
      promise: Promise.resolve().then(() => mint(controller.signal)),
      controller,
      startedAt,
      waiters: 0,
    };
    this.inflight.set(key, flight);
    if (maxCallMs !== undefined) {
      flight.timer = setTimeout(() => this.drop(key, flight), maxCallMs);
      (flight.timer as { unref?: () => void }).unref?.();
    }
    const settle = (minted?: PlayAuthMint) => {
      clearTimeout(flight.timer);
      if (this.inflight.get(key) !== flight) return;
      this.inflight.delete(key);
      // Stored in the same tick as the call leaves the in-flight map, so no request can fall
      // between the two and start a second call.
      if (minted) this.keep(key, { ...minted, validity });
    };
    flight.promise.then(settle, () => settle());
    return flight;
  }

  /** Stops sharing `flight` and aborts it. */
  private drop(key: string, flight: Flight, reason?: unknown): void {
    clearTimeout(flight.timer);
    if (this.inflight.get(key) === flight) this.inflight.delete(key);
    flight.controller.abort(reason);
  }

  private wait(
    key: string,
    flight: Flight,
    signal: AbortSignal | undefined,
  ): Promise<PlayAuthMint> {
    flight.waiters++;
    // A waiter without a signal never leaves, so the call is never aborted under it.
    if (!signal) return flight.promise;
    return untilAborted(flight.promise, signal, () => {
      flight.waiters--;
      // The last request waiting for the call has gone: nobody needs its answer any more.
      if (flight.waiters === 0) this.drop(key, flight, signal.reason);
    });
  }

  /** Whole seconds left of `entry` at `at`, or undefined when it may not be reused any more. */
  private secondsLeft(entry: Reusable, at: number): number | undefined {
    return reusableSecondsLeft(entry.issuedAt, entry.validity, this.windowMs(entry.validity), at);
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
