import { encodePlayAuth, isoSeconds, type PlayAuthToken } from '@playauth/vod-model';

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
