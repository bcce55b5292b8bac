import { type VodRefusal, vodRefusal } from './vodErrors';

/**
 * What GetPlayInfo says about the `AuthInfo` of a PlayAuth once its origin is trusted: expired
 * (403 `InvalidAuthInfo.ExpireTime`, the player's 4002), issued for another video (403
 * `InvalidAuthInfo.MediaId`), or fine (`undefined`). An absent or non-JSON AuthInfo, or one
 * without these fields, passes: minimal test PlayAuths have none.
 *
 * @param now - Epoch ms.
 * @example
 * ```ts
 * authInfoRefusal(token.AuthInfo, 'video-1', Date.now())?.code; // 'InvalidAuthInfo.ExpireTime'
 * ```
 */
export function authInfoRefusal(
  authInfo: string | undefined,
  videoId: string,
  now: number,
): VodRefusal | undefined {
  let value: { ExpireTime?: unknown; MediaId?: unknown } | null;
  try {
    value = JSON.parse(authInfo || '{}');
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const expireTime = typeof value.ExpireTime === 'string' ? value.ExpireTime : undefined;
  if (expireTime !== undefined && Date.parse(expireTime) <= now) {
    return vodRefusal('InvalidAuthInfo.ExpireTime');
  }
  if (typeof value.MediaId === 'string' && value.MediaId !== videoId) {
    return vodRefusal('InvalidAuthInfo.MediaId');
  }
  return undefined;
}
