/**
 * Where resume positions are kept: per VideoId, in seconds. Either method may be async (e.g. a
 * server sync); failures and rejections are ignored, so a broken storage never stops playback.
 */
export interface ResumeStorage {
  /** The saved position of `videoId` in seconds; `undefined`/`null`/`0` when there is none. */
  get(videoId: string): number | null | undefined | Promise<number | null | undefined>;
  /** Saves `seconds` for `videoId`; `undefined` clears it (the video ended). */
  set(videoId: string, seconds: number | undefined): void | Promise<void>;
}

/** A saved position this close to the end (seconds) is not resumed: the next play starts over. */
export const RESUME_END_MARGIN = 5;

/**
 * The latest position worth resuming in a video of `duration` seconds: {@link RESUME_END_MARGIN}
 * before the end, or 10% of it for videos under 50 s. `Infinity` when the duration is unknown.
 */
export function resumeLimit(duration: number): number {
  return duration > 0 ? duration - Math.min(RESUME_END_MARGIN, duration / 10) : Infinity;
}

/** While playing, the position is saved at most this often (ms); a pause saves at once. */
export const RESUME_SAVE_INTERVAL_MS = 5000;

/**
 * A {@link ResumeStorage} in `localStorage`, under `prefix + videoId`. Safe where storage is
 * unavailable (server rendering, private mode, a full quota, blocked cookies): reads give no
 * position and writes are dropped.
 *
 * @param prefix Key prefix. Default `'playauth:resume:'`.
 * @example
 * ```ts
 * new PlayerController({ resume: localStorageResume() });
 * ```
 */
export function localStorageResume(prefix = 'playauth:resume:'): ResumeStorage {
  return {
    get: (videoId) => {
      try {
        return Number(globalThis.localStorage.getItem(prefix + videoId));
      } catch {
        return undefined;
      }
    },
    set: (videoId, seconds) => {
      try {
        if (seconds) globalThis.localStorage.setItem(prefix + videoId, String(seconds));
        else globalThis.localStorage.removeItem(prefix + videoId);
      } catch {
        // Unavailable or over quota: resuming is a convenience, never an error.
      }
    },
  };
}

/** The saved position of `videoId` (0 when none, invalid, or the storage failed). */
export async function readResumePosition(storage: ResumeStorage, videoId: string): Promise<number> {
  try {
    const seconds = Number(await storage.get(videoId));
    return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  } catch {
    return 0;
  }
}

/**
 * Saves `seconds` (to 0.1 s) of `videoId`, or clears it when it is 0 or past {@link resumeLimit} of
 * `duration` (seconds; 0 when unknown). Never throws, never rejects.
 */
export function writeResumePosition(
  storage: ResumeStorage,
  videoId: string,
  seconds: number,
  duration = 0,
): void {
  const near = seconds > resumeLimit(duration);
  try {
    Promise.resolve(
      storage.set(videoId, near || !(seconds > 0) ? undefined : Math.round(seconds * 10) / 10),
    ).catch(() => {});
  } catch {
    // A throwing storage must not break the player's event handling.
  }
}
