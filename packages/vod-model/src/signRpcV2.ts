import { hmacSha1Base64 } from './hmacSha1Base64';
import { rpcV2StringToSign } from './rpcV2StringToSign';

/**
 * Signs RPC parameters with Alibaba Cloud signature V2: base64 HMAC-SHA1 of
 * {@link rpcV2StringToSign} keyed with `accessKeySecret + "&"`. This is the `Signature` the
 * Aliplayer SDK sends on GetPlayInfo (method GET, keyed with the PlayAuth's `AccessKeySecret`).
 * Async because Web Crypto is.
 *
 * @param params - Every parameter to send except `Signature`.
 * @param accessKeySecret - The secret, without the trailing `&`.
 * @param method - The HTTP method the request will use. Default `'GET'`.
 * @returns The `Signature` value, not yet percent-encoded.
 * @example
 * ```ts
 * const signature = await signRpcV2({ Action: 'GetPlayInfo', VideoId: 'v1' }, secret);
 * ```
 */
export function signRpcV2(
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
  method = 'GET',
): Promise<string> {
  return hmacSha1Base64(`${accessKeySecret}&`, rpcV2StringToSign(method, params));
}
