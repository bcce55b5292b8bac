// Test-side signers, written independently of the emulator's verifiers (from the facts page and
// the Aliplayer SDK's observed algorithm) so a shared bug cannot make both sides agree.
import { createHash, createHmac, randomUUID } from 'node:crypto';

const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

const isoNoMs = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface V3Input {
  baseUrl: string;
  accessKeyId: string;
  accessKeySecret: string;
  action?: string;
  version?: string;
  method?: 'GET' | 'POST';
  path?: string;
  query?: Record<string, string>;
  /** Form body (sent as application/x-www-form-urlencoded and hashed). */
  form?: Record<string, string>;
  date?: Date;
  nonce?: string;
  securityToken?: string;
  /** Extra headers, signed when they are x-acs-* (unless `unsigned`). */
  headers?: Record<string, string>;
  unsigned?: string[];
}

/** Builds a V3 (ACS3-HMAC-SHA256) signed request for fetch. */
export function signV3(input: V3Input): { url: string; init: RequestInit } {
  const method = input.method ?? 'POST';
  const path = input.path ?? '/';
  const query = input.query ?? {};
  const body = input.form
    ? Object.entries(input.form)
        .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
        .join('&')
    : '';
  const headers: Record<string, string> = {
    host: new URL(input.baseUrl).host,
    'x-acs-action': input.action ?? 'GetVideoPlayAuth',
    'x-acs-version': input.version ?? '2017-03-21',
    'x-acs-date': isoNoMs(input.date ?? new Date()),
    'x-acs-signature-nonce': input.nonce ?? randomUUID(),
    'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
    ...(input.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(input.securityToken ? { 'x-acs-security-token': input.securityToken } : {}),
    ...input.headers,
  };
  const signedNames = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
    .filter((h) => !input.unsigned?.includes(h))
    .sort();
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(query[k] ?? '')}`)
    .join('&');
  const canonicalRequest = [
    method,
    path,
    canonicalQuery,
    signedNames.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join(''),
    signedNames.join(';'),
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign).digest('hex');
  const { host: _host, ...sent } = headers; // fetch sets Host itself
  sent.authorization = `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedNames.join(';')},Signature=${signature}`;
  return {
    url: `${input.baseUrl}${path}${canonicalQuery ? `?${canonicalQuery}` : ''}`,
    init: { method, headers: sent, body: method === 'POST' && body ? body : undefined },
  };
}

/** Changes one character of the hex signature in an authorization header. */
export function tamperV3(init: RequestInit): RequestInit {
  const headers = { ...(init.headers as Record<string, string>) };
  headers.authorization = (headers.authorization ?? '').replace(
    /Signature=([0-9a-f])/,
    (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
  );
  return { ...init, headers };
}

/** V2 (HMAC-SHA1) signature with strict RFC 3986 encoding, as the official RPC clients do. */
export function v2Signature(
  method: string,
  params: Record<string, string>,
  secret: string,
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] ?? '')}`)
    .join('&');
  const stringToSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** Common V2 parameters for an account-key call of the emulator. */
export function v2Params(
  accessKeyId: string,
  action: string,
  extra: Record<string, string>,
  date = new Date(),
): Record<string, string> {
  return {
    Action: action,
    Format: 'JSON',
    Version: '2017-03-21',
    AccessKeyId: accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: isoNoMs(date),
    ...extra,
  };
}

/** A V2-signed GET URL. */
export function v2Url(baseUrl: string, params: Record<string, string>, secret: string): string {
  const signature = v2Signature('GET', params, secret);
  return `${baseUrl}/?${new URLSearchParams({ ...params, Signature: signature })}`;
}

// --- The Aliplayer SDK's GetPlayInfo, re-created from aliplayer-min.js 2.37.7 ---------------

/** The SDK's `AliyunEncodeURI`: String.replace with string patterns (first match only). */
function aliyunEncodeURI(value: string): string {
  return encodeURIComponent(value).replace('+', '%2B').replace('*', '%2A').replace('%7E', '~');
}

function makeUTF8sort(params: Record<string, string>, eq: string, sep: string): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncodeURI(k)}${eq}${aliyunEncodeURI(params[k] ?? '')}`)
    .join(sep);
}

export interface SdkPlayAuth {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken: string;
  AuthInfo: string;
}

/** The GetPlayInfo query parameters the SDK sends (all but `Signature`). */
export function sdkGetPlayInfoParams(
  playAuth: SdkPlayAuth,
  videoId: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    AccessKeyId: playAuth.AccessKeyId,
    Action: 'GetPlayInfo',
    VideoId: videoId,
    Formats: '',
    AuthTimeout: '7200',
    Rand: 'cmFuZG9tLWNsaWVudC12YWx1ZQ==',
    SecurityToken: playAuth.SecurityToken,
    StreamType: 'video',
    Format: 'JSON',
    Version: '2017-03-21',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    PlayerVersion: '2.37.7',
    Channel: 'HTML5',
    AuthInfo: playAuth.AuthInfo,
    PlayConfig: JSON.stringify({}),
    ReAuthInfo: JSON.stringify({}),
    ...overrides,
  };
}

/**
 * The GetPlayInfo URL the SDK builds: at `<base>/?...` by default, or `<customVodServer>?...&RegionId=`
 * with `customVodServer`.
 */
export function sdkGetPlayInfoUrl(
  base: string,
  playAuth: SdkPlayAuth,
  videoId: string,
  options: { customVodServer?: boolean; region?: string; overrides?: Record<string, string> } = {},
): string {
  const params = sdkGetPlayInfoParams(playAuth, videoId, options.overrides);
  const stringToSign = `GET&${aliyunEncodeURI('/')}&${aliyunEncodeURI(makeUTF8sort(params, '=', '&'))}`;
  const signature = createHmac('sha1', `${playAuth.AccessKeySecret}&`)
    .update(stringToSign)
    .digest('base64');
  const query = `${makeUTF8sort(params, '=', '&')}&Signature=${aliyunEncodeURI(signature)}`;
  return options.customVodServer
    ? `${base}${base.includes('?') ? '&' : '?'}${query}&RegionId=${options.region ?? 'cn-shanghai'}`
    : `${base}/?${query}`;
}
