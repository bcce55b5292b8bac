import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { percentEncode } from '@playauth/vod-model';
import { EmulatorError } from './EmulatorError';

/** The V3 signature algorithm the emulator verifies. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** What a signature verifier needs to know about a received HTTP request. */
export interface SignedHttpRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The path exactly as received (still percent-encoded), without the query. */
  path: string;
  /** Decoded query parameters, in received order. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header names; repeated headers joined with `,`. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body (empty for GET). */
  body: Uint8Array;
}

/** The parts of an `authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`. */
export interface Acs3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** A request whose V3 signature checked out. */
export interface VerifiedAcs3Request {
  accessKeyId: string;
  signedHeaders: string[];
}

/** Looks up the AccessKeySecret of an AccessKeyId; `undefined` when the key is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

/**
 * Parses a V3 `authorization` header. Returns `undefined` when it is not V3 at all or a part is
 * missing.
 */
export function parseAcs3Authorization(value: string | undefined): Acs3Authorization | undefined {
  if (!value) return undefined;
  const space = value.indexOf(' ');
  if (space <= 0) return undefined;
  const algorithm = value.slice(0, space);
  const parts = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return {
    algorithm,
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature,
  };
}

/** Hex SHA-256, as V3 uses for the body and the canonical request. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The V3 canonical request: `METHOD \n path \n query \n headers \n signedHeaders \n bodyHash`.
 * Query names and values are percent-encoded and sorted by name; headers are the signed ones,
 * in the order the client listed them (clients sort them, as the specification requires).
 */
export function acs3CanonicalRequest(request: SignedHttpRequest, signedHeaders: string[]): string {
  const query = request.query
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`)
    .join('');
  return [
    request.method,
    request.path || '/',
    query,
    headers,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/**
 * Verifies an Alibaba Cloud signature V3 (`ACS3-HMAC-SHA256`) request: the authorization header,
 * the AccessKeyId, that `host` and every `x-acs-*` header sent are signed, that
 * `x-acs-content-sha256` matches the body, and the signature itself (compared in constant time).
 * Timestamps and nonces are the caller's business.
 *
 * @throws {@link EmulatorError} `IncompleteSignature` (400) for a malformed header or an
 * unsupported algorithm, `InvalidAccessKeyId.NotFound` (404), `SignatureDoesNotMatch` (400).
 */
export function verifyAcs3(
  request: SignedHttpRequest,
  secretFor: SecretLookup,
): VerifiedAcs3Request {
  const auth = parseAcs3Authorization(request.headers.authorization);
  if (!auth) {
    throw new EmulatorError(
      'IncompleteSignature',
      400,
      'The request signature does not conform to Aliyun standards: expected "authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>".',
    );
  }
  if (auth.algorithm !== ACS3_ALGORITHM) {
    throw new EmulatorError(
      'IncompleteSignature',
      400,
      `The signature algorithm "${auth.algorithm}" is not supported by the emulator; use ${ACS3_ALGORITHM}.`,
    );
  }
  const secret = secretFor(auth.accessKeyId);
  if (secret === undefined) {
    throw new EmulatorError(
      'InvalidAccessKeyId.NotFound',
      404,
      'Specified access key is not found.',
    );
  }
  const signed = new Set(auth.signedHeaders);
  const unsigned = Object.keys(request.headers).filter(
    (name) => (name === 'host' || name.startsWith('x-acs-')) && !signed.has(name),
  );
  if (unsigned.length > 0) {
    throw new EmulatorError(
      'SignatureDoesNotMatch',
      400,
      `Specified signature does not match our calculation: header(s) ${unsigned.join(', ')} must be listed in SignedHeaders.`,
    );
  }
  const declaredHash = request.headers['x-acs-content-sha256'];
  if (declaredHash !== undefined && declaredHash.toLowerCase() !== sha256Hex(request.body)) {
    throw new EmulatorError(
      'SignatureDoesNotMatch',
      400,
      'Specified signature does not match our calculation: x-acs-content-sha256 is not the hex SHA-256 of the body.',
    );
  }
  const stringToSign = acs3StringToSign(acs3CanonicalRequest(request, auth.signedHeaders));
  const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
  if (!constantTimeEqual(expected, auth.signature.toLowerCase())) {
    throw new EmulatorError(
      'SignatureDoesNotMatch',
      400,
      // The string to sign holds only a hash: safe to show, and it is what the gateway shows.
      `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    );
  }
  return { accessKeyId: auth.accessKeyId, signedHeaders: auth.signedHeaders };
}

/** Constant-time string comparison (length differences return early; lengths are not secret). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
