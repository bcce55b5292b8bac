import type { PlayAuthToken } from './PlayAuthToken';

/**
 * Encodes a token the way VOD does: base64 of the UTF-8 bytes of its JSON (Web APIs only, no
 * `Buffer`, so it runs in browsers too).
 *
 * @example
 * ```ts
 * encodePlayAuth({ AccessKeyId: 'a', AccessKeySecret: 'b', Region: 'cn-shanghai' });
 * ```
 */
export function encodePlayAuth(token: PlayAuthToken): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(token))) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
