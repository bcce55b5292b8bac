import { isPlayableStatus } from './isPlayableStatus';
import { type VodRefusal, vodRefusal } from './vodErrors';

/**
 * What GetVideoPlayAuth and GetPlayInfo answer for a video, or `undefined` when it plays:
 * 404 `InvalidVideo.NotFound` when there is none, 403 `Forbidden.IllegalStatus` when its status is
 * not playable ({@link isPlayableStatus}).
 *
 * @example
 * ```ts
 * videoRefusal({ status: 'UploadSucc' })?.code; // 'Forbidden.IllegalStatus'
 * ```
 */
export function videoRefusal(video: { status?: string } | undefined): VodRefusal | undefined {
  if (!video) return vodRefusal('InvalidVideo.NotFound');
  if (!isPlayableStatus(video.status)) {
    return vodRefusal(
      'Forbidden.IllegalStatus',
      `Status of the video is illegal: it is ${video.status}, only Normal videos can be played.`,
    );
  }
  return undefined;
}
