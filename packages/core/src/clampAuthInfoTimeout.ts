/** Validity VOD applies when `AuthInfoTimeout` is not given, in seconds. */
export const DEFAULT_AUTH_INFO_TIMEOUT = 100;
/** Shortest validity `GetVideoPlayAuth` accepts, in seconds. */
export const MIN_AUTH_INFO_TIMEOUT = 100;
/** Longest validity `GetVideoPlayAuth` accepts, in seconds. */
export const MAX_AUTH_INFO_TIMEOUT = 3000;

/**
 * Turns any input into a valid `AuthInfoTimeout` (seconds, an integer in 100..3000).
 *
 * - Finite numbers are rounded **down** (a shorter validity errs early, never late), then clamped.
 * - Strings of decimal digits only (`"600"`) are read as numbers; any other string (`"1e3"`,
 *   `" 600"`, `"600.5"`) falls back to the default, as do `NaN`, `±Infinity` and non-numbers.
 *
 * @param seconds - The requested validity.
 * @returns An integer between {@link MIN_AUTH_INFO_TIMEOUT} and {@link MAX_AUTH_INFO_TIMEOUT};
 * {@link DEFAULT_AUTH_INFO_TIMEOUT} (100) when `seconds` is unusable.
 * @example
 * ```ts
 * clampAuthInfoTimeout(5000); // 3000
 * clampAuthInfoTimeout(250.9); // 250
 * clampAuthInfoTimeout('abc'); // 100
 * ```
 */
export function clampAuthInfoTimeout(seconds: unknown): number {
  const n = typeof seconds === 'string' && /^\d+$/.test(seconds) ? +seconds : seconds;
  // `Number.isFinite` is false for every non-number (no coercion), so `n` is a number past it.
  return Number.isFinite(n)
    ? Math.min(MAX_AUTH_INFO_TIMEOUT, Math.max(MIN_AUTH_INFO_TIMEOUT, Math.floor(n as number)))
    : DEFAULT_AUTH_INFO_TIMEOUT;
}

/**
 * Whether `seconds` is a validity `GetVideoPlayAuth` accepts as it is: an integer between
 * {@link MIN_AUTH_INFO_TIMEOUT} and {@link MAX_AUTH_INFO_TIMEOUT} (100..3000). Unlike
 * {@link clampAuthInfoTimeout} it corrects nothing; a backend uses it to refuse bad input.
 *
 * @example
 * ```ts
 * isValidAuthInfoTimeout(600); // true
 * isValidAuthInfoTimeout(600.5); // false
 * isValidAuthInfoTimeout('600'); // false (a number is expected)
 * ```
 */
export function isValidAuthInfoTimeout(seconds: unknown): seconds is number {
  return (
    Number.isInteger(seconds) &&
    (seconds as number) >= MIN_AUTH_INFO_TIMEOUT &&
    (seconds as number) <= MAX_AUTH_INFO_TIMEOUT
  );
}
