import { hmacSha1Base64 } from './hmacSha1Base64';
import { rpcV2StringToSign } from './rpcV2StringToSign';

/**
 * The Aliplayer web SDK's own encoder: `encodeURIComponent`, then `String.replace` with string
 * patterns, which replaces only the *first* `+`, `*` and `%7E`, and leaves `!'()` alone.
 */
function aliplayerEncode(value: string): string {
  return encodeURIComponent(value).replace('+', '%2B').replace('*', '%2A').replace('%7E', '~');
}

/** Compares without an early exit, so the time taken does not tell how much of a guess matched. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}

/**
 * Checks the `Signature` of an RPC V2 request (GetPlayInfo as the Aliplayer SDK sends it) against
 * `accessKeySecret`. The canonical form is RFC 3986; two quirks of the SDK are accepted too: its
 * looser encoding (see the README), and the unsigned `RegionId` it appends for a
 * `customVodServer`. Method, version, timestamp and nonce checks are the caller's business.
 *
 * @param method - The HTTP method received (it is part of the string to sign).
 * @param params - Every parameter received, decoded, `Signature` included.
 * @returns `false` when `Signature` is absent or does not match.
 * @example
 * ```ts
 * const params = Object.fromEntries(new URL(request.url).searchParams);
 * if (!(await checkRpcV2Signature('GET', params, secret))) return refuse('SignatureDoesNotMatch');
 * ```
 */
export async function checkRpcV2Signature(
  method: string,
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): Promise<boolean> {
  const signature = params.Signature;
  if (!signature) return false;
  const candidates = [params];
  if (params.RegionId !== undefined) {
    const { RegionId: _unsigned, ...rest } = params;
    candidates.push(rest);
  }
  const key = `${accessKeySecret}&`;
  for (const candidate of candidates) {
    const strict = await hmacSha1Base64(key, rpcV2StringToSign(method, candidate));
    if (constantTimeEqual(strict, signature)) return true;
    const loose = await hmacSha1Base64(key, rpcV2StringToSign(method, candidate, aliplayerEncode));
    if (loose !== strict && constantTimeEqual(loose, signature)) return true;
  }
  return false;
}
