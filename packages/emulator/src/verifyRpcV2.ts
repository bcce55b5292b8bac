import { checkRpcV2Signature } from '@playauth/vod-model';
import { EmulatorError } from './EmulatorError';
import type { SecretLookup } from './verifyAcs3';

/** Request parameters of an RPC call (query and form body merged), decoded. */
export type RpcParams = Readonly<Record<string, string>>;

/** A request whose V2 signature checked out. */
export interface VerifiedRpcV2Request {
  accessKeyId: string;
}

/**
 * Verifies an Alibaba Cloud RPC signature V2 (`SignatureMethod=HMAC-SHA1`,
 * `SignatureVersion=1.0`, `Signature` in the parameters) with the shared VOD model's
 * `checkRpcV2Signature`: RFC 3986 canonical form, plus two quirks of the Aliplayer SDK, which is
 * what sends GetPlayInfo: its looser encoding, and the unsigned `RegionId` it appends for a
 * `customVodServer`. Timestamps and nonces are the caller's business.
 *
 * @param method - The HTTP method received (it is part of the string to sign).
 * @param params - Query and form-body parameters merged, decoded, including `Signature`.
 * @throws {@link EmulatorError} `MissingParameter` (400), `IncompleteSignature` (400) for an
 * unsupported method or version, `InvalidAccessKeyId.NotFound` (404), `SignatureDoesNotMatch` (400).
 * @example
 * ```ts
 * const { accessKeyId } = await verifyRpcV2('GET', params, (id) => secrets.get(id));
 * ```
 */
export async function verifyRpcV2(
  method: string,
  params: RpcParams,
  secretFor: SecretLookup,
): Promise<VerifiedRpcV2Request> {
  if (!params.Signature) throw EmulatorError.missingParameter('Signature');
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
  if (await checkRpcV2Signature(method, params, secret)) return { accessKeyId };
  // Unlike V3, the V2 string to sign holds every parameter (SecurityToken included): not echoed.
  throw new EmulatorError(
    'SignatureDoesNotMatch',
    400,
    'Specified signature does not match our calculation. Sign METHOD&%2F&percentEncode(sorted query) with HMAC-SHA1 keyed by AccessKeySecret + "&".',
  );
}
