import { type VodRefusal, vodRefusal } from './vodErrors';

const VIDEO_ID = /^[\w-]{1,64}$/;

/**
 * What VOD answers for a `VideoId` parameter, or `undefined` when it is well-formed:
 * `MissingParameter` when absent or empty, `InvalidParameter` unless it is 1-64 characters of
 * `A-Z a-z 0-9 _ -` (the rule of `@playauth/core`'s `isValidVideoId`).
 *
 * @example
 * ```ts
 * videoIdRefusal('a/b')?.code; // 'InvalidParameter'
 * ```
 */
export function videoIdRefusal(videoId: string | null | undefined): VodRefusal | undefined {
  if (videoId === undefined || videoId === null || videoId === '') {
    return vodRefusal(
      'MissingParameter',
      'The input parameter "VideoId" that is mandatory for processing this request is not supplied.',
    );
  }
  if (!VIDEO_ID.test(videoId)) {
    return vodRefusal(
      'InvalidParameter',
      'The specified parameter "VideoId" is not valid: use 1-64 characters of A-Z a-z 0-9 _ -.',
    );
  }
  return undefined;
}
