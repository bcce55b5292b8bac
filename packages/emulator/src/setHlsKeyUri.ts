/**
 * Sets the `URI` of every `#EXT-X-KEY` tag of an HLS playlist, as VOD writes the decryption
 * service's address into an encrypted playlist (`<DecryptKeyUri>?Ciphertext=<EDK>`) and the CDN's
 * "parameter pass-through for HLS encryption" appends `MtsHlsUriToken=<token>` to it. Other
 * attributes (`METHOD`, `IV`) stay.
 *
 * @param playlist - The playlist text.
 * @param uri - The absolute key URI; must not contain `"` or a line break.
 * @example
 * ```ts
 * setHlsKeyUri(text, 'https://keys.example.com/hls?Ciphertext=...&MtsHlsUriToken=...');
 * ```
 */
export function setHlsKeyUri(playlist: string, uri: string): string {
  if (/["\r\n]/.test(uri))
    throw new TypeError('setHlsKeyUri: the URI must not contain " or a line break');
  return playlist.replace(
    /^(#EXT-X-KEY:.*?URI=)"[^"]*"/gm,
    (_m, head: string) => `${head}"${uri}"`,
  );
}
