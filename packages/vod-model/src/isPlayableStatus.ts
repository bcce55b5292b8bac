/**
 * Whether VOD plays a video in this status with a PlayAuth: only `Normal`. GetVideoPlayAuth and
 * GetPlayInfo answer 403 `Forbidden.IllegalStatus` for every other status, `UploadSucc`
 * (uploaded, not yet transcoded or reviewed) included. Sources in this package's README.
 *
 * @param status - `VideoMeta.Status` / `VideoBase.Status`; `undefined` counts as `Normal`
 * (test catalogues that state no status mean a ready video).
 * @example
 * ```ts
 * isPlayableStatus('Normal'); // true
 * isPlayableStatus('UploadSucc'); // false
 * ```
 */
export function isPlayableStatus(status: string | undefined): boolean {
  return status === undefined || status === 'Normal';
}
