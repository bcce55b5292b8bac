import { createHmac, randomBytes } from 'node:crypto';
import {
  decodePlayAuth as decodeToken,
  encodePlayAuth,
  isoSeconds,
  type PlayAuthToken,
} from '@playauth/vod-model';
import type { Clock } from './clock';
import { constantTimeEqual } from './verifyAcs3';

/**
 * The JSON inside a PlayAuth (base64), in the shape the Aliplayer SDK reads: it signs GetPlayInfo
 * with `AccessKeyId`/`AccessKeySecret`, sends `SecurityToken` and `AuthInfo` verbatim and takes
 * the region from `Region`.
 */
export interface PlayAuthPayload extends PlayAuthToken {
  SecurityToken: string;
  /** A JSON string, see {@link AuthInfo}. */
  AuthInfo: string;
  /** STS-style, `STS.` prefix. */
  AccessKeyId: string;
  AccessKeySecret: string;
  Region: string;
  CustomerId: number;
  PlayDomain?: string;
}

/** The parsed `AuthInfo` of a PlayAuth. */
export interface AuthInfo {
  CI: string;
  Caller: string;
  /** ISO UTC, second precision (`2026-01-05T08:01:40Z`): when the PlayAuth stops working. */
  ExpireTime: string;
  /** The VideoId the PlayAuth was issued for. */
  MediaId: string;
  PlayDomain: string;
  /** The emulator's HMAC over the other fields; GetPlayInfo refuses an AuthInfo edited by hand. */
  Signature: string;
}

/** What the emulator remembers about a PlayAuth it issued, keyed by its STS AccessKeyId. */
export interface PlayAuthGrant {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  videoId: string;
  /** Epoch ms (second precision, rounded down), the `ExpireTime` of the AuthInfo. */
  expiresAt: number;
}

/**
 * Decodes a PlayAuth string into its JSON payload (what the SDK does before GetPlayInfo).
 *
 * @throws TypeError when it is not base64 JSON with `AccessKeyId`, `AccessKeySecret` and
 * `Region` strings.
 * @example
 * ```ts
 * const { AccessKeyId, AccessKeySecret, SecurityToken, AuthInfo } = decodePlayAuth(body.PlayAuth);
 * decodeAuthInfo(AuthInfo).ExpireTime; // '2026-01-05T08:01:40Z'
 * ```
 */
export function decodePlayAuth(playAuth: string): PlayAuthPayload {
  let payload: PlayAuthToken;
  try {
    payload = decodeToken(playAuth);
  } catch {
    throw new TypeError('PlayAuth is not base64-encoded JSON');
  }
  const p = payload as Partial<Record<keyof PlayAuthPayload, unknown>>;
  if (
    typeof p.AccessKeyId !== 'string' ||
    typeof p.AccessKeySecret !== 'string' ||
    typeof p.Region !== 'string'
  ) {
    throw new TypeError('PlayAuth JSON lacks AccessKeyId, AccessKeySecret or Region');
  }
  return p as PlayAuthPayload;
}

/**
 * Parses the `AuthInfo` JSON string of a PlayAuth (or of a GetPlayInfo request).
 *
 * @throws TypeError when it is not JSON with string `ExpireTime`, `MediaId` and `Signature`.
 */
export function decodeAuthInfo(authInfo: string): AuthInfo {
  let value: unknown;
  try {
    value = JSON.parse(authInfo);
  } catch {
    throw new TypeError('AuthInfo is not JSON');
  }
  const v = value as Partial<Record<keyof AuthInfo, unknown>> | null;
  const fields = ['CI', 'Caller', 'ExpireTime', 'MediaId', 'PlayDomain', 'Signature'] as const;
  if (!v || typeof v !== 'object' || fields.some((f) => typeof v[f] !== 'string')) {
    throw new TypeError(`AuthInfo must hold the string fields ${fields.join(', ')}`);
  }
  return v as AuthInfo;
}

/** Options of {@link createPlayAuthIssuer}. */
export interface PlayAuthIssuerOptions {
  clock: Clock;
  region: string;
  customerId: number;
  /** Host (and port) reported as `PlayDomain`. */
  playDomain: string;
}

/** Issues PlayAuths and remembers their STS keys so GetPlayInfo can verify them. */
export interface PlayAuthIssuer {
  issue(
    videoId: string,
    authInfoTimeoutSeconds: number,
  ): { playAuth: string; grant: PlayAuthGrant };
  /** The grant of an STS AccessKeyId this issuer handed out (and has not forgotten yet). */
  grant(accessKeyId: string): PlayAuthGrant | undefined;
  /** Parses an AuthInfo and checks its signature; `undefined` if malformed or forged. */
  verifyAuthInfo(authInfo: string): AuthInfo | undefined;
}

// Grants are kept a while past expiry so a late GetPlayInfo gets InvalidAuthInfo.ExpireTime
// (what the real service answers) rather than an unknown-key error; the cap bounds memory.
const GRANT_RETENTION_MS = 60 * 60 * 1000;
const MAX_GRANTS = 50_000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
  return out;
}

/** Creates the PlayAuth issuer of one emulator instance (with its own signing key). */
export function createPlayAuthIssuer(options: PlayAuthIssuerOptions): PlayAuthIssuer {
  const authInfoKey = randomBytes(32);
  const grants = new Map<string, PlayAuthGrant>();
  const signAuthInfo = (info: Omit<AuthInfo, 'Signature'>) =>
    createHmac('sha1', authInfoKey)
      .update([info.CI, info.Caller, info.ExpireTime, info.MediaId, info.PlayDomain].join('\n'))
      .digest('base64');

  const prune = (now: number) => {
    for (const [id, grant] of grants) {
      if (grant.expiresAt + GRANT_RETENTION_MS < now || grants.size > MAX_GRANTS) grants.delete(id);
      else break; // insertion order is issue order, and validity is bounded by 3000 s
    }
  };

  return {
    issue(videoId, authInfoTimeoutSeconds) {
      const now = options.clock.now();
      prune(now);
      const expiresAt = Math.floor((now + authInfoTimeoutSeconds * 1000) / 1000) * 1000;
      const unsigned = {
        CI: randomBytes(48).toString('base64'),
        Caller: randomBytes(24).toString('base64'),
        ExpireTime: isoSeconds(expiresAt),
        MediaId: videoId,
        PlayDomain: options.playDomain,
      };
      const authInfo: AuthInfo = { ...unsigned, Signature: signAuthInfo(unsigned) };
      const grant: PlayAuthGrant = {
        accessKeyId: `STS.NT${randomAlnum(26)}`,
        accessKeySecret: randomAlnum(44),
        securityToken: `CAIS${randomBytes(180).toString('base64')}`,
        videoId,
        expiresAt,
      };
      grants.set(grant.accessKeyId, grant);
      const payload: PlayAuthPayload = {
        SecurityToken: grant.securityToken,
        AuthInfo: JSON.stringify(authInfo),
        AccessKeyId: grant.accessKeyId,
        AccessKeySecret: grant.accessKeySecret,
        Region: options.region,
        CustomerId: options.customerId,
        PlayDomain: options.playDomain,
      };
      return { playAuth: encodePlayAuth(payload), grant };
    },
    grant: (accessKeyId) => grants.get(accessKeyId),
    verifyAuthInfo(value) {
      let info: AuthInfo;
      try {
        info = decodeAuthInfo(value);
      } catch {
        return undefined;
      }
      return constantTimeEqual(signAuthInfo(info), info.Signature) ? info : undefined;
    },
  };
}
