import { sanitizeCoverUrl } from './coverUrl';
import type { VideoMeta } from './PlayAuthCredential';

/** Throws when `ok` is falsy, naming `field` and the `rule` it breaks. */
export type FieldCheck = (ok: unknown, field: string, rule: string) => void;

/** Whether `value` is a plain JSON object (not `null`, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one reading of VOD's PascalCase video fields (`VideoMeta` of GetVideoPlayAuth, `Video` of
 * GetVideoInfo): `Title` a string, `Duration` a non-negative finite number or decimal string
 * (`"12.5"`), `Status` a string, `CoverURL` kept only if http(s) ({@link sanitizeCoverUrl}).
 * `VideoId` is the caller's to check.
 *
 * @param meta - The object under `name`.
 * @param name - Its field name in the answer, for messages (`'VideoMeta'`, `'Video'`).
 * @param check - Throws the caller's typed error for a malformed field.
 * @returns The metadata without `videoId`.
 */
export function readVideoMeta(
  meta: unknown,
  name: string,
  check: FieldCheck,
): Omit<VideoMeta, 'videoId'> {
  check(isObject(meta), name, 'an object');
  const { Title: title, Status: status, Duration, CoverURL } = meta as Record<string, unknown>;
  const duration =
    typeof Duration === 'string' && /^\d+(\.\d+)?$/.test(Duration) ? +Duration : Duration;
  check(typeof title === 'string', `${name}.Title`, 'a string');
  // `Number.isFinite` does not coerce: strings other than the decimals above, null, NaN fail.
  check(
    Number.isFinite(duration) && (duration as number) >= 0,
    `${name}.Duration`,
    'a number >= 0',
  );
  check(typeof status === 'string', `${name}.Status`, 'a string');
  const coverUrl = sanitizeCoverUrl(CoverURL);
  return {
    title: title as string,
    duration: duration as number,
    ...(coverUrl && { coverUrl }),
    status: status as string,
  };
}
