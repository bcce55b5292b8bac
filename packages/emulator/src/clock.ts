/**
 * Where the emulator reads the time: request timestamps, nonce windows, PlayAuth and play-URL
 * expiry all use it, so a test can cross an expiry without waiting.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
}

/** A {@link Clock} that only moves when told to. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` (negative moves it back). Returns the new time. */
  advance(ms: number): number;
  /** Jumps to `time` (epoch ms or a Date). Returns the new time. */
  set(time: number | Date): number;
}

/** The wall clock (`Date.now`). The emulator's default. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Creates a controllable clock for tests.
 *
 * Sign requests with the same clock (`new Date(clock.now())`), because the emulator refuses
 * timestamps more than 15 minutes away from its own time.
 *
 * @param start - Initial time, epoch ms or a Date. Default: the current wall-clock time.
 * @example
 * ```ts
 * const clock = createManualClock();
 * const emulator = await startVodEmulator({ clock });
 * // ... get a PlayAuth valid for 100 s ...
 * clock.advance(101_000); // now GetPlayInfo answers InvalidAuthInfo.ExpireTime
 * ```
 */
export function createManualClock(start: number | Date = Date.now()): ManualClock {
  let current = toEpoch(start);
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError(`advance(ms): ms must be finite, got ${ms}`);
      current += ms;
      return current;
    },
    set(time: number | Date) {
      current = toEpoch(time);
      return current;
    },
  };
}

function toEpoch(time: number | Date): number {
  const ms = typeof time === 'number' ? time : time.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid clock time: ${String(time)}`);
  return ms;
}
