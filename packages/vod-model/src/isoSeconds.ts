/**
 * ISO 8601 UTC at second precision, as VOD writes `ExpireTime` and the gateway `x-acs-date`
 * (milliseconds dropped, not rounded).
 *
 * @example
 * ```ts
 * isoSeconds(Date.parse('2026-01-05T08:01:40.999Z')); // '2026-01-05T08:01:40Z'
 * ```
 */
export function isoSeconds(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
