import { canonicalQuery } from './canonicalQuery';
import { percentEncode } from './percentEncode';

/**
 * The RPC V2 (HMAC-SHA1, `SignatureVersion=1.0`) string to sign:
 * `METHOD&%2F&` + encode({@link canonicalQuery}).
 *
 * @param encode - The encoder. Default {@link percentEncode}.
 * @example
 * ```ts
 * rpcV2StringToSign('GET', { Action: 'GetPlayInfo' }); // 'GET&%2F&Action%3DGetPlayInfo'
 * ```
 */
export function rpcV2StringToSign(
  method: string,
  params: Readonly<Record<string, string>>,
  encode: (value: string) => string = percentEncode,
): string {
  return `${method.toUpperCase()}&${encode('/')}&${encode(canonicalQuery(params, encode))}`;
}
