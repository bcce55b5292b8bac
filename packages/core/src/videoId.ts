import { errorReference } from './errorReference';
import { PlayAuthError } from './PlayAuthError';

// Without the `u` flag `\w` is exactly [A-Za-z0-9_]; `$` does not match before a trailing newline.
const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Whether `id` is a well-formed VOD VideoId: 1 to 64 characters of `A-Z a-z 0-9 _ -`.
 * Checked before any request, so a malformed id never reaches the network (and cannot smuggle
 * path segments or markup into a URL).
 */
export function isValidVideoId(id: unknown): id is string {
  return typeof id === 'string' && VIDEO_ID.test(id);
}

/**
 * Throws unless {@link isValidVideoId} accepts `id`.
 *
 * @throws {@link PlayAuthError} with code `InvalidParameter`, naming the id and the rule.
 */
export function assertValidVideoId(id: unknown): asserts id is string {
  // Not `isValidVideoId(id)`: one call less in every bundle.
  if (!(typeof id === 'string' && VIDEO_ID.test(id))) {
    throw new PlayAuthError(
      'InvalidParameter',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `VideoId ${typeof id === 'string' ? JSON.stringify(id.slice(0, 80)) : typeof id} must match [A-Za-z0-9_-]{1,64}`
        : errorReference('InvalidParameter'),
    );
  }
}
