/**
 * Rewrites an HLS media playlist as Alibaba CDN's M3U8 rewrite does under URL signing: every
 * segment URI (each line that is neither a tag nor blank) gets an `auth_key` for its own path,
 * here with the expiry of the playlist's own `auth_key`, so a player that fetched a valid
 * playlist can fetch its segments until that same moment. Relative URIs are resolved against
 * `playlistPath`'s directory; URIs with a scheme or a query are refused (the emulator's playlists
 * have neither).
 *
 * @param playlist - The playlist text as ffmpeg wrote it.
 * @param playlistPath - The request path of the playlist, e.g. `/media/v1/SD/index.m3u8`.
 * @param sign - Gives the `auth_key` value for an absolute path.
 * @example
 * ```ts
 * signPlaylistSegments(text, '/media/v1/SD/index.m3u8', (path) => signer.sign(path, expiresAtSec));
 * ```
 */
export function signPlaylistSegments(
  playlist: string,
  playlistPath: string,
  sign: (path: string) => string,
): string {
  const dir = playlistPath.slice(0, playlistPath.lastIndexOf('/') + 1);
  return playlist
    .split('\n')
    .map((line) => {
      const uri = line.trim();
      if (uri === '' || uri.startsWith('#')) return line;
      if (!/^[\w.-]+$/.test(uri)) {
        throw new TypeError(`signPlaylistSegments: unexpected segment URI "${uri.slice(0, 80)}"`);
      }
      return `${uri}?auth_key=${sign(`${dir}${uri}`)}`;
    })
    .join('\n');
}
