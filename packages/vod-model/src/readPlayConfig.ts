import { type VodRefusal, vodRefusal } from './vodErrors';

/** GetPlayInfo's `PlayConfig`, read. */
export interface PlayConfig {
  /** The parsed JSON object (`{}` when absent or empty). */
  config: Readonly<Record<string, unknown>>;
  /**
   * `MtsHlsUriToken` (HLS standard encryption): VOD appends it to each `PlayURL` as
   * `MtsHlsUriToken=<token>` (see {@link withHlsUriToken}), and a CDN domain with "parameter
   * pass-through for HLS encryption" appends it to the playlist's `#EXT-X-KEY` URI.
   */
  hlsUriToken?: string;
}

const MAX_TOKEN_CHARS = 2048;

/**
 * Reads GetPlayInfo's `PlayConfig` parameter (a JSON object; the Aliplayer web SDK always sends
 * its `playConfig` option, `{}` by default). `MtsHlsUriToken`, when present, must be a non-empty
 * string of at most 2048 characters.
 *
 * @returns The config, or VOD's `InvalidParameter` refusal naming `PlayConfig`.
 * @example
 * ```ts
 * readPlayConfig('{"MtsHlsUriToken":"abc"}'); // { config: {...}, hlsUriToken: 'abc' }
 * ```
 */
export function readPlayConfig(raw: string | undefined): PlayConfig | VodRefusal {
  if (raw === undefined || raw === '') return { config: {} };
  let config: unknown;
  try {
    config = JSON.parse(raw);
  } catch {
    config = undefined;
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return vodRefusal(
      'InvalidParameter',
      'The specified parameter "PlayConfig" is not a JSON object.',
    );
  }
  const token = (config as Record<string, unknown>).MtsHlsUriToken;
  if (token === undefined) return { config: config as Record<string, unknown> };
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_CHARS) {
    return vodRefusal(
      'InvalidParameter',
      `The specified parameter "PlayConfig.MtsHlsUriToken" must be a string of 1-${MAX_TOKEN_CHARS} characters.`,
    );
  }
  return { config: config as Record<string, unknown>, hlsUriToken: token };
}

/**
 * Appends `MtsHlsUriToken=<token>` (percent-encoded) to a URL's query, as VOD does to each
 * `PlayURL` when `PlayConfig` carries the token, and as the CDN's pass-through does to the
 * `#EXT-X-KEY` URI. `undefined` leaves the URL as it is.
 *
 * @example
 * ```ts
 * withHlsUriToken('https://cdn.example.com/v/index.m3u8?auth_key=1-2-0-abc', 't0k');
 * // 'https://cdn.example.com/v/index.m3u8?auth_key=1-2-0-abc&MtsHlsUriToken=t0k'
 * ```
 */
export function withHlsUriToken(url: string, token: string | undefined): string {
  if (token === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}MtsHlsUriToken=${encodeURIComponent(token)}`;
}
