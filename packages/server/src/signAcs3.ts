import { percentEncode } from './percentEncode';
import { VodApiError } from './VodApiError';

/** Name of the V3 signature algorithm, first word of the `authorization` header. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** The HTTP request to sign with {@link signAcs3}. */
export interface Acs3Request {
  /** HTTP method, e.g. `POST` (upper-cased before signing). */
  method: string;
  /** Absolute URL. Its query string is signed; its host (without a default port) is signed. */
  url: string | URL;
  /**
   * Headers to send. Every `x-acs-*` and `content-type` header given here is signed and returned;
   * other headers are returned unsigned. Names are case-insensitive (returned lower-case).
   */
  headers?: Record<string, string>;
  /** Request body; `undefined` means an empty body. */
  body?: string | Uint8Array;
  /**
   * Extra query parameters, signed as if they were in `url`. You must send them too: prefer
   * putting them in `url` (encoded with {@link percentEncode}).
   */
  query?: Record<string, string>;
}

/** An AccessKey pair, or STS credentials (with `securityToken`). */
export interface Acs3Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS security token; when set it is sent (and signed) as `x-acs-security-token`. */
  securityToken?: string;
}

/** Fixed inputs for reproducible signatures (tests); leave unset in production. */
export interface SignAcs3Options {
  /** Signing time. Default: now. Alibaba refuses dates more than 15 minutes off. */
  date?: Date;
  /** `x-acs-signature-nonce`. Default: 32 random hex characters. Never reuse one. */
  nonce?: string;
}

/** The intermediate values of a V3 signature (what Alibaba's documentation shows step by step). */
export interface Acs3SigningParts {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  /** All headers to send, lower-case names, `authorization` last. */
  headers: Record<string, string>;
}

const encoder = new TextEncoder();
// Headers that signAcs3 computes itself: given values are replaced.
const COMPUTED = new Set([
  'host',
  'authorization',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-security-token',
  'x-acs-accesskey-id',
]);

function hex(bytes: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(bytes)) out += b.toString(16).padStart(2, '0');
  return out;
}

async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', data));
}

async function hmacSha256Hex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

/** Formats a date as V3 wants it: UTC `yyyy-MM-ddTHH:mm:ssZ`, no milliseconds. */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh `x-acs-signature-nonce`: 128 random bits as 32 hex characters. */
export function createSignatureNonce(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
}

function canonicalUri(pathname: string): string {
  // Decode what URL parsing encoded, then re-encode each segment the RFC 3986 way.
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return percentEncode(decodeURIComponent(segment));
      } catch {
        return percentEncode(segment);
      }
    })
    .join('/');
}

function canonicalQuery(url: URL, extra: Record<string, string> | undefined): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of url.searchParams)
    pairs.push([percentEncode(name), percentEncode(value)]);
  for (const [name, value] of Object.entries(extra ?? {})) {
    pairs.push([percentEncode(name), percentEncode(String(value))]);
  }
  // Encoded strings are ASCII, so code-unit order is byte order.
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new VodApiError(
      'InvalidConfiguration',
      `signAcs3: credentials.${name} is missing or empty; pass the AccessKey pair (or STS credentials) of a RAM user allowed to call the API`,
    );
  }
  return value;
}

/**
 * Computes every step of a V3 signature. {@link signAcs3} returns only the headers; this one also
 * returns the canonical request, string to sign and signature, for tests and debugging.
 * Never log its result in production: it holds the security token and the signature.
 */
export async function signAcs3Parts(
  request: Acs3Request,
  credentials: Acs3Credentials,
  options: SignAcs3Options = {},
): Promise<Acs3SigningParts> {
  const accessKeyId = requireText(credentials?.accessKeyId, 'accessKeyId');
  const accessKeySecret = requireText(credentials?.accessKeySecret, 'accessKeySecret');
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const body =
    request.body === undefined
      ? new Uint8Array(0)
      : typeof request.body === 'string'
        ? encoder.encode(request.body)
        : new Uint8Array(request.body);

  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower in given) throw new TypeError(`signAcs3: header "${lower}" is given twice`);
    if (!COMPUTED.has(lower)) given[lower] = String(value).trim();
  }

  const signed: Record<string, string> = {
    // URL.host omits the scheme's default port, exactly what fetch sends as Host.
    host: url.host,
    'x-acs-date': formatAcsDate(options.date ?? new Date()),
    'x-acs-signature-nonce': options.nonce ?? createSignatureNonce(),
    'x-acs-content-sha256': await sha256Hex(body),
  };
  const token = credentials.securityToken;
  if (token !== undefined && token !== '') {
    // The official SDK names the key next to the token; the gateway accepts both forms.
    signed['x-acs-accesskey-id'] = accessKeyId;
    signed['x-acs-security-token'] = token;
  }
  const unsigned: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (name.startsWith('x-acs-') || name === 'content-type') signed[name] = value;
    else unsigned[name] = value;
  }

  const names = Object.keys(signed).sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${signed[name]}\n`).join('');
  const canonicalRequest = [
    method,
    canonicalUri(url.pathname || '/'),
    canonicalQuery(url, request.query),
    canonicalHeaders,
    signedHeaders,
    signed['x-acs-content-sha256'],
  ].join('\n');
  const stringToSign = `${ACS3_ALGORITHM}\n${await sha256Hex(encoder.encode(canonicalRequest))}`;
  const signature = await hmacSha256Hex(accessKeySecret, stringToSign);

  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = signed[name] as string;
  Object.assign(headers, unsigned);
  headers.authorization = `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { canonicalRequest, stringToSign, signedHeaders, signature, headers };
}

/**
 * Signs a request with Alibaba Cloud signature V3 (`ACS3-HMAC-SHA256`) and returns all headers to
 * send: `host`, `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`, for STS
 * credentials `x-acs-accesskey-id` and `x-acs-security-token`, every header you passed (the
 * `x-acs-*` and `content-type` ones signed), and `authorization`.
 *
 * Web Crypto only, so it runs on Node 20+, Deno, Bun and edge workers. A `host` header cannot be
 * set with `fetch`; it is returned because it is signed, and fetch sends the same value from the
 * URL. Each call uses a fresh date and nonce unless `options` fixes them.
 *
 * @param request - Method, absolute URL (its query is signed), headers and body.
 * @param credentials - AccessKey pair, optionally with an STS `securityToken`.
 * @param options - Fixed `date` and `nonce`, for reproducible tests only.
 * @returns The headers to send, lower-case names.
 * @throws {@link VodApiError} `InvalidConfiguration` when the AccessKey id or secret is empty.
 * @example
 * ```ts
 * const url = 'https://vod.cn-shanghai.aliyuncs.com/?AuthInfoTimeout=100&VideoId=abc';
 * const headers = await signAcs3(
 *   { method: 'POST', url, headers: { 'x-acs-action': 'GetVideoPlayAuth', 'x-acs-version': '2017-03-21' } },
 *   { accessKeyId, accessKeySecret },
 * );
 * const { host, ...sendable } = headers;
 * await fetch(url, { method: 'POST', headers: sendable });
 * ```
 */
export async function signAcs3(
  request: Acs3Request,
  credentials: Acs3Credentials,
  options: SignAcs3Options = {},
): Promise<Record<string, string>> {
  return (await signAcs3Parts(request, credentials, options)).headers;
}
