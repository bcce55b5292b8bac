/**
 * Base64 HMAC-SHA1 of `message` keyed with `key` (both UTF-8), through Web Crypto, so it runs in
 * browsers, jsdom and Node alike.
 *
 * @example
 * ```ts
 * await hmacSha1Base64('secret&', 'GET&%2F&...');
 * ```
 */
export async function hmacSha1Base64(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}
