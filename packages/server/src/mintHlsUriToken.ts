import { isValidVideoId } from '@playauth/core';
import { base64url, type HlsUriTokenKeys, hmac } from './hlsUriTokenKeys';

/** What an `MtsHlsUriToken` binds. */
export interface HlsUriTokenClaims {
  /** The video whose key it opens. */
  videoId: string;
  /** Epoch ms after which it is refused. */
  expiresAt: number;
  /** A per-token random id: what the replay limit counts. */
  tokenId: string;
  /** Keyed hash of the viewer the token was minted for, when one was given. */
  viewerHash?: string;
}

/** Token format version; the prefix lets a later format be told apart. */
export const HLS_URI_TOKEN_PREFIX = 'v1.';

/** The keyed hash of a viewer id carried in a token (the id itself never is: tokens reach CDN logs). */
export function viewerHash(keys: HlsUriTokenKeys, viewer: string, keyIndex = 0): Promise<string> {
  return hmac(keys, `viewer:${viewer}`, keyIndex).then((h) => h.slice(0, 22));
}

/**
 * Mints an `MtsHlsUriToken`: `v1.<claims>.<signature>`, base64url, HMAC-SHA256 over the claims
 * with the first secret. The claims are the VideoId, the expiry (whole seconds), a random token
 * id and, with `viewer`, a keyed hash of the viewer id (not the id: the token travels in URLs).
 * About 150 characters, URL-safe.
 */
export async function mintHlsUriToken(
  keys: HlsUriTokenKeys,
  claims: { videoId: string; expiresAt: number; viewer?: string },
): Promise<string> {
  if (!isValidVideoId(claims.videoId)) throw new TypeError('mintHlsUriToken: bad videoId');
  const payload = {
    v: claims.videoId,
    e: Math.floor(claims.expiresAt / 1000),
    n: base64url(crypto.getRandomValues(new Uint8Array(12))),
    ...(claims.viewer === undefined ? {} : { u: await viewerHash(keys, claims.viewer) }),
  };
  const body = base64url(new TextEncoder().encode(JSON.stringify(payload)));
  return `${HLS_URI_TOKEN_PREFIX}${body}.${await hmac(keys, `${HLS_URI_TOKEN_PREFIX}${body}`)}`;
}
