import { canonicalQuery, type PlayAuthToken, percentEncode, signRpcV2 } from '@playauth/vod-model';

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
