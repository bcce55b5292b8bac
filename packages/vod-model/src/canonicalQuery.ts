import { percentEncode } from './percentEncode';

/**
 * The canonical query of an RPC V2 request: every parameter but `Signature`, sorted by name,
 * `name=value` percent-encoded and joined with `&`. Also the query string the Aliplayer SDK
 * sends GetPlayInfo with.
 *
 * @param encode - The encoder. Default {@link percentEncode} (RFC 3986, what the gateway uses).
 * @example
 * ```ts
 * canonicalQuery({ VideoId: 'v1', Action: 'GetPlayInfo' }); // 'Action=GetPlayInfo&VideoId=v1'
 * ```
 */
export function canonicalQuery(
  params: Readonly<Record<string, string>>,
  encode: (value: string) => string = percentEncode,
): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${encode(name)}=${encode(params[name] ?? '')}`)
    .join('&');
}
