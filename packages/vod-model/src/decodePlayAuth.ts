import type { PlayAuthToken } from './PlayAuthToken';

/**
 * Decodes a PlayAuth as the Aliplayer SDK does: base64, then UTF-8 JSON. Surrounding whitespace
 * is ignored. The real SDK raises error 4012 when this fails.
 *
 * @throws `SyntaxError` when `playAuth` is not base64 of a JSON object.
 * @example
 * ```ts
 * const { Region, AuthInfo } = decodePlayAuth(credential.playAuth);
 * ```
 */
export function decodePlayAuth(playAuth: string): PlayAuthToken {
  let value: unknown;
  try {
    const bytes = Uint8Array.from(atob(playAuth.trim()), (char) => char.charCodeAt(0));
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SyntaxError('PlayAuth is not base64 of a JSON object', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError('PlayAuth is not base64 of a JSON object');
  }
  return value as PlayAuthToken;
}
