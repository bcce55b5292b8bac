import { createHmac } from 'node:crypto';
import { EmulatorError } from './EmulatorError';
import { percentEncode } from './percentEncode';
import { constantTimeEqual, type SecretLookup } from './verifyAcs3';

/** Request parameters of an RPC call (query and form body merged), decoded. */
export type RpcParams = Readonly<Record<string, string>>;

/** A request whose V2 signature checked out. */
export interface VerifiedRpcV2Request {
  accessKeyId: string;
}

/**
 * The Aliplayer web SDK's own encoder: `encodeURIComponent`, then `String.replace` with string
 * patterns, which replaces only the *first* `+`, `*` and `%7E`, and leaves `!'()` alone. Values
 * the emulator issues never contain those characters, but hand-made ones might.
 */
function aliplayerEncode(value: string): string {
  return encodeURIComponent(value).replace('+', '%2B').replace('*', '%2A').replace('%7E', '~');
}

/**
 * The V2 (HMAC-SHA1, `SignatureVersion=1.0`) string to sign:
 * `METHOD&%2F&` + percentEncode(canonical query), the canonical query being every parameter but
 * `Signature`, sorted by name, `name=value` percent-encoded and joined with `&`.
 */
export function rpcV2StringToSign(
  method: string,
  params: RpcParams,
  encode: (value: string) => string = percentEncode,
): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${encode(name)}=${encode(params[name] ?? '')}`)
    .join('&');
  return `${method.toUpperCase()}&${encode('/')}&${encode(canonical)}`;
}

/**
 * Computes a V2 signature: base64 HMAC-SHA1 of {@link rpcV2StringToSign} keyed with
 * `accessKeySecret + "&"`. This is what the Aliplayer SDK sends as `Signature` on GetPlayInfo
 * (method GET, keyed with the PlayAuth's `AccessKeySecret`). Exported for tests that play the
 * SDK's part; the emulator itself only verifies.
 *
 * @param params - Every parameter to send except `Signature`.
 * @param accessKeySecret - The secret, without the trailing `&`.
 * @param method - The HTTP method the request will use. Default `'GET'`.
 * @example
 * ```ts
 * const params = { Action: 'GetPlayInfo', VideoId, AccessKeyId, SecurityToken, AuthInfo, ... };
 * const url = `${emulator.url}/?${new URLSearchParams({ ...params, Signature: signRpcV2(params, secret) })}`;
 * ```
 */
export function signRpcV2(params: RpcParams, accessKeySecret: string, method = 'GET'): string {
  return hmacSha1(rpcV2StringToSign(method, params), accessKeySecret);
}

function hmacSha1(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/**
 * Verifies an Alibaba Cloud RPC signature V2 (`SignatureMethod=HMAC-SHA1`,
 * `SignatureVersion=1.0`, `Signature` in the parameters). The canonical form is RFC 3986. Two
 * quirks of the Aliplayer SDK, which is what sends GetPlayInfo, are accepted too: its looser
 * encoding, and the unsigned `RegionId` it appends for a `customVodServer`.
 * Timestamps and nonces are the caller's business.
 *
 * @param method - The HTTP method received (it is part of the string to sign).
 * @param params - Query and form-body parameters merged, decoded, including `Signature`.
 * @throws {@link EmulatorError} `MissingParameter` (400), `IncompleteSignature` (400) for an
 * unsupported method or version, `InvalidAccessKeyId.NotFound` (404), `SignatureDoesNotMatch` (400).
 */
export function verifyRpcV2(
  method: string,
  params: RpcParams,
  secretFor: SecretLookup,
): VerifiedRpcV2Request {
  const signature = params.Signature;
  if (!signature) throw EmulatorError.missingParameter('Signature');
  const accessKeyId = params.AccessKeyId;
  if (!accessKeyId) throw EmulatorError.missingParameter('AccessKeyId');
  if (params.SignatureMethod !== 'HMAC-SHA1') {
    throw new EmulatorError(
      'IncompleteSignature',
      400,
      `SignatureMethod "${params.SignatureMethod ?? ''}" is not supported: use HMAC-SHA1.`,
    );
  }
  if (params.SignatureVersion !== '1.0') {
    throw new EmulatorError(
      'IncompleteSignature',
      400,
      `SignatureVersion "${params.SignatureVersion ?? ''}" is not supported: use 1.0.`,
    );
  }
  const secret = secretFor(accessKeyId);
  if (secret === undefined) {
    throw new EmulatorError(
      'InvalidAccessKeyId.NotFound',
      404,
      'Specified access key is not found.',
    );
  }
  // With `customVodServer` the SDK appends `RegionId` after signing: try without it too.
  const candidates = [params];
  if (params.RegionId !== undefined) {
    const { RegionId: _unsigned, ...rest } = params;
    candidates.push(rest);
  }
  for (const candidate of candidates) {
    const strict = hmacSha1(rpcV2StringToSign(method, candidate), secret);
    if (constantTimeEqual(strict, signature)) return { accessKeyId };
    const loose = hmacSha1(rpcV2StringToSign(method, candidate, aliplayerEncode), secret);
    if (loose !== strict && constantTimeEqual(loose, signature)) return { accessKeyId };
  }
  // Unlike V3, the V2 string to sign holds every parameter (SecurityToken included): not echoed.
  throw new EmulatorError(
    'SignatureDoesNotMatch',
    400,
    'Specified signature does not match our calculation. Sign METHOD&%2F&percentEncode(sorted query) with HMAC-SHA1 keyed by AccessKeySecret + "&".',
  );
}
