/**
 * A RequestId shaped like VOD's: an upper-case UUID (Web Crypto's `randomUUID`).
 *
 * @example
 * ```ts
 * createRequestId(); // '5A0F3F2E-7B1C-4F51-9A3E-0C2D8E1B4F6A'
 * ```
 */
export function createRequestId(): string {
  return crypto.randomUUID().toUpperCase();
}
