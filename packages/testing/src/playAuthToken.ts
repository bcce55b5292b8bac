/**
 * The decoded content of a PlayAuth, as the Aliplayer SDK reads it: a PlayAuth is base64 of a
 * JSON object. Real credentials carry more fields; these are the ones the SDK uses.
 */
export interface PlayAuthToken {
  /** STS AccessKeyId used to sign GetPlayInfo. */
  AccessKeyId?: string;
  /** STS AccessKeySecret: the GetPlayInfo signing key is this plus `&`. */
  AccessKeySecret?: string;
  /** STS security token, sent as `SecurityToken`. */
  SecurityToken?: string;
  /** Region of the video, e.g. `cn-shanghai`: GetPlayInfo goes to `vod.<Region>.aliyuncs.com`. */
  Region?: string;
  /** Opaque string sent as `AuthInfo`; in real credentials a JSON string with `ExpireTime`. */
  AuthInfo?: string;
  /** Account id, used by the SDK for its logs only. */
  CustomerId?: string | number;
  [field: string]: unknown;
}

/** The parsed `AuthInfo` of credentials minted by {@link createPlayAuth} (and by VOD). */
export interface PlayAuthAuthInfo {
  /** ISO-8601 UTC time, seconds precision, e.g. `2025-01-01T00:01:40Z`. */
  ExpireTime?: string;
  MediaId?: string;
  [field: string]: unknown;
}

/** Options of {@link createPlayAuth}. */
export interface CreatePlayAuthOptions {
  /** Seconds the credential stays valid (written into `AuthInfo.ExpireTime`). Default 100. */
  authInfoTimeout?: number;
  /** Clock in epoch ms. Default `Date.now()` (so `vi.setSystemTime` applies). */
  now?: number;
  /** Default {@link TEST_ACCESS_KEY_ID}. */
  accessKeyId?: string;
  /** Default {@link TEST_ACCESS_KEY_SECRET}: what the GetPlayInfo handlers verify signatures with. */
  accessKeySecret?: string;
  /** Default `'cn-shanghai'`. */
  region?: string;
  /** Default `1234567890`. */
  customerId?: number;
  /** Extra fields merged into the token (e.g. `{ SecurityToken: undefined }` to omit it). */
  extra?: Partial<PlayAuthToken>;
}

/** AccessKeyId written into test PlayAuths by default. Not a real key. */
export const TEST_ACCESS_KEY_ID = 'STS.PlayauthTestingKey';
/** AccessKeySecret written into test PlayAuths by default. Not a real secret. */
export const TEST_ACCESS_KEY_SECRET = 'playauth-testing-secret';

/** Base64 of the UTF-8 bytes of `text` (browser and Node, no Buffer). */
function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Inverse of {@link toBase64}; throws on malformed base64 or UTF-8. */
function fromBase64(base64: string): string {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Encodes a token the way VOD does: base64 of its JSON.
 *
 * @example
 * ```ts
 * encodePlayAuth({ AccessKeyId: 'a', AccessKeySecret: 'b', Region: 'cn-shanghai' });
 * ```
 */
export function encodePlayAuth(token: PlayAuthToken): string {
  return toBase64(JSON.stringify(token));
}

/**
 * Decodes a PlayAuth as the Aliplayer SDK does: base64, then JSON. The real SDK raises error 4012
 * when this fails.
 *
 * @throws `SyntaxError` when `playauth` is not base64 of a JSON object.
 * @example
 * ```ts
 * const { Region, AuthInfo } = decodePlayAuth(credential.playAuth);
 * ```
 */
export function decodePlayAuth(playauth: string): PlayAuthToken {
  let value: unknown;
  try {
    value = JSON.parse(fromBase64(playauth.trim()));
  } catch (error) {
    throw new SyntaxError('PlayAuth is not base64 of a JSON object', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError('PlayAuth is not base64 of a JSON object');
  }
  return value as PlayAuthToken;
}

/**
 * Parses `token.AuthInfo` when it is a JSON string (as in real and test credentials).
 * Returns `undefined` for an absent or opaque (non-JSON) AuthInfo.
 */
export function parseAuthInfo(token: PlayAuthToken): PlayAuthAuthInfo | undefined {
  if (typeof token.AuthInfo !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(token.AuthInfo);
    return typeof value === 'object' && value !== null ? (value as PlayAuthAuthInfo) : undefined;
  } catch {
    return undefined;
  }
}

/** `2025-01-01T00:00:00Z`: ISO UTC without milliseconds, as VOD writes `ExpireTime`. */
export function isoSeconds(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

function randomHex(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

/**
 * Mints a PlayAuth in the real shape (base64 JSON with `AccessKeyId`, `AccessKeySecret`,
 * `SecurityToken`, `Region`, `CustomerId` and an `AuthInfo` JSON string holding `ExpireTime` and
 * `MediaId`), so both {@link FakeAliplayer} and the real SDK can decode it. The keys are test
 * values, never real ones.
 *
 * @example
 * ```ts
 * const playauth = createPlayAuth('video-1', { authInfoTimeout: 3000 });
 * new FakeAliplayer({ id: 'player', vid: 'video-1', playauth });
 * ```
 */
export function createPlayAuth(videoId: string, options: CreatePlayAuthOptions = {}): string {
  const now = options.now ?? Date.now();
  const authInfoTimeout = options.authInfoTimeout ?? 100;
  const authInfo: PlayAuthAuthInfo = {
    CI: randomHex(32),
    Caller: 'playauth-testing',
    ExpireTime: isoSeconds(now + authInfoTimeout * 1000),
    MediaId: videoId,
    PlayDomain: '',
    Signature: randomHex(28),
  };
  return encodePlayAuth({
    SecurityToken: `CAIS${randomHex(40)}`,
    AuthInfo: JSON.stringify(authInfo),
    AccessKeyId: options.accessKeyId ?? TEST_ACCESS_KEY_ID,
    AccessKeySecret: options.accessKeySecret ?? TEST_ACCESS_KEY_SECRET,
    Region: options.region ?? 'cn-shanghai',
    CustomerId: options.customerId ?? 1234567890,
    ...options.extra,
  });
}
