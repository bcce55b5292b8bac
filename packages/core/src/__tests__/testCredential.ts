import { createPlayAuth } from '@playauth/testing';
import type { PlayAuthCredential } from '../PlayAuthCredential';

/** A fresh credential for `videoId` (valid 3000 s; `duration` seconds of video). */
export function testCredential(videoId = 'v1', duration = 60): PlayAuthCredential {
  const now = Date.now();
  return {
    videoId,
    playAuth: createPlayAuth(videoId, { authInfoTimeout: 3000, now }),
    requestId: `req-${videoId}`,
    videoMeta: { videoId, title: videoId, duration, status: 'Normal' },
    issuedAt: now,
    expiresAt: now + 3_000_000,
  };
}
