import type { PlayAuthToken } from './playAuthToken';

/**
 * Percent-encoding of Alibaba Cloud RPC signatures (RFC 3986): everything but
 * `A-Z a-z 0-9 - _ . ~` is UTF-8 percent-encoded with upper-case hex (space `%20`, `*` `%2A`).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonical query of an RPC V2 request: encoded `name=value` pairs sorted by name. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
}

/**
 * Signs RPC parameters with Alibaba Cloud signature V2 (`SignatureMethod=HMAC-SHA1`,
 * `SignatureVersion=1.0`): `StringToSign = METHOD + '&%2F&' + percentEncode(canonicalQuery)`,
 * key `accessKeySecret + '&'`, result base64. Web Crypto only, so it runs in browsers and jsdom.
 *
 * @returns The `Signature` value, not yet percent-encoded.
 * @example
 * ```ts
 * const signature = await signRpcV2({ Action: 'GetPlayInfo', VideoId: 'v1' }, secret);
 * ```
 */
export async function signRpcV2(
  params: Record<string, string>,
  accessKeySecret: string,
  method = 'GET',
): Promise<string> {
  const encoder = new TextEncoder();
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(`${accessKeySecret}&`),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(stringToSign)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Inputs of {@link buildGetPlayInfoUrl}, named after the SDK options they come from. */
export interface GetPlayInfoRequest {
  videoId: string;
  /** The decoded PlayAuth. */
  token: PlayAuthToken;
  /** `PlayerVersion` parameter (the SDK sends its version without suffix, e.g. `2.37.7`). */
  playerVersion: string;
  /** SDK option `format` (`Formats`). Default `''`. */
  format?: string;
  /** SDK option `definition`: `AUTO` asks `ResultType=Multiple`, else sent as `Definition`. */
  definition?: string;
  /** SDK option `authTimeout` (play-URL lifetime, s). Default 7200. */
  authTimeout?: number | string;
  /** SDK option `mediaType` (`StreamType`). Default `'video'`. */
  mediaType?: string;
  /** SDK option `outputType` (`OutputType`, only when set). */
  outputType?: string;
  /** SDK option `playConfig` (JSON). Default `{}`. */
  playConfig?: Record<string, unknown>;
  /** SDK option `reAuthInfo` (JSON). Default `{}`. */
  reAuthInfo?: Record<string, unknown>;
  /** SDK option `customVodServer`: the query goes there, plus an unsigned `RegionId`. */
  customVodServer?: string;
  /** SDK option `customVodServerFirst`: without it the SDK asks `customVodServer` last. */
  customVodServerFirst?: boolean;
  /** Use the backup host `vod-product.<Region>.aliyuncs.com`. */
  backupHost?: boolean;
  /** Fixed `SignatureNonce` (tests). Default a random UUID. */
  nonce?: string;
  /** Fixed `Rand` (tests). Default a random UUID. */
  rand?: string;
}

/**
 * The GetPlayInfo parameters the Aliplayer SDK 2.37.7 sends in PlayAuth mode, before signing.
 * Like the SDK it sends no `Timestamp`, and a field missing from the PlayAuth is sent as the
 * text `undefined` (e.g. `SecurityToken=undefined` for a PlayAuth without one).
 */
export function getPlayInfoParams(request: GetPlayInfoRequest): Record<string, string> {
  const { token } = request;
  const params: Record<string, string> = {
    AccessKeyId: String(token.AccessKeyId),
    Action: 'GetPlayInfo',
    VideoId: request.videoId,
    Formats: request.format ?? '',
    AuthTimeout: String(request.authTimeout || 7200),
    Rand: request.rand ?? crypto.randomUUID(),
    SecurityToken: String(token.SecurityToken),
    StreamType: request.mediaType ?? 'video',
    Format: 'JSON',
    Version: '2017-03-21',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: request.nonce ?? crypto.randomUUID(),
    PlayerVersion: request.playerVersion,
    Channel: 'HTML5',
  };
  if (request.definition === 'AUTO') params.ResultType = 'Multiple';
  else if (request.definition) params.Definition = request.definition;
  if (token.AuthInfo) params.AuthInfo = String(token.AuthInfo);
  if (request.outputType) params.OutputType = request.outputType;
  params.PlayConfig = JSON.stringify(request.playConfig ?? {});
  params.ReAuthInfo = JSON.stringify(request.reAuthInfo ?? {});
  return params;
}

/**
 * Builds the signed GetPlayInfo URL exactly as the SDK does: to `customVodServer` (plus
 * `&RegionId=<Region>`, unsigned) when given, else to `https://vod.<Region>.aliyuncs.com/`.
 *
 * @example
 * ```ts
 * const url = await buildGetPlayInfoUrl({ videoId, token: decodePlayAuth(playauth), playerVersion: '2.37.7' });
 * ```
 */
export async function buildGetPlayInfoUrl(request: GetPlayInfoRequest): Promise<string> {
  const params = getPlayInfoParams(request);
  const signature = await signRpcV2(params, String(request.token.AccessKeySecret));
  const query = `${canonicalQuery(params)}&Signature=${percentEncode(signature)}`;
  const region = String(request.token.Region);
  const server = request.customVodServer;
  if (server) return `${server}${server.includes('?') ? '&' : '?'}${query}&RegionId=${region}`;
  return `https://vod${request.backupHost ? '-product' : ''}.${region}.aliyuncs.com/?${query}`;
}
