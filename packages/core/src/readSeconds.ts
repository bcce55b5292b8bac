/**
 * A VOD `Duration` in seconds: a finite number >= 0, or a decimal string (`"12.5"`) as some
 * answers send it; anything else (`null`, `NaN`, `"1e3"`, `" 12"`, negatives) is `NaN`, which
 * fails every `>= 0` check. The one rule for `VideoMeta.Duration` (GetVideoPlayAuth) and
 * `Video.Duration` (GetVideoInfo).
 *
 * @example
 * ```ts
 * readSeconds('12.5'); // 12.5
 * readSeconds(-1); // NaN
 * ```
 */
export function readSeconds(value: unknown): number {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? +value : value;
  // `Number.isFinite` does not coerce: strings other than the decimals above, null, NaN fail.
  return Number.isFinite(seconds) && (seconds as number) >= 0 ? (seconds as number) : Number.NaN;
}
