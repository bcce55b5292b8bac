import { isValidVideoId } from '@playauth/core';
import { constantTimeEqual, fromBase64url, type HlsUriTokenKeys, hmac } from './hlsUriTokenKeys';
import { HLS_URI_TOKEN_PREFIX, type HlsUriTokenClaims } from './mintHlsUriToken';

/** Why a token was refused. */
export type HlsUriTokenRefusal = 'malformed' | 'signature' | 'expired';

const MAX_TOKEN_CHARS = 512;
const TOKEN = /^v1\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;

/**
 * Checks an `MtsHlsUriToken` made by `mintHlsUriToken`: shape, then the HMAC against each secret
 * (constant-time), then the claims, then the expiry at `now`. Nothing of the token is trusted
 * before its signature checks out.
 *
 * @returns The claims, or why it was refused.
 */
export async function verifyHlsUriToken(
  keys: HlsUriTokenKeys,
  token: string,
  now: number,
): Promise<{ claims: HlsUriTokenClaims; keyIndex: number } | { refused: HlsUriTokenRefusal }> {
  const match = token.length <= MAX_TOKEN_CHARS ? TOKEN.exec(token) : null;
  if (!match) return { refused: 'malformed' };
  const [, body = '', signature = ''] = match;
  let keyIndex = -1;
  for (let i = 0; i < keys.keys.length; i++) {
    // Every key is tried (no early exit) so timing does not tell which one matched.
    const expected = await hmac(keys, `${HLS_URI_TOKEN_PREFIX}${body}`, i);
    if (constantTimeEqual(expected, signature) && keyIndex < 0) keyIndex = i;
  }
  if (keyIndex < 0) return { refused: 'signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(fromBase64url(body)));
  } catch {
    return { refused: 'malformed' };
  }
  const { v, e, n, u } = Object(payload) as Record<string, unknown>;
  if (
    !isValidVideoId(v) ||
    !Number.isSafeInteger(e) ||
    typeof n !== 'string' ||
    (u !== undefined && typeof u !== 'string')
  ) {
    return { refused: 'malformed' };
  }
  const expiresAt = (e as number) * 1000;
  if (now >= expiresAt) return { refused: 'expired' };
  return {
    claims: { videoId: v, expiresAt, tokenId: n, ...(u === undefined ? {} : { viewerHash: u }) },
    keyIndex,
  };
}
