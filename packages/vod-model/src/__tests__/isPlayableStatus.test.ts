import {
  authInfoRefusal,
  isPlayableStatus,
  videoIdRefusal,
  videoRefusal,
  vodErrors,
  vodRefusal,
} from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

// Every status VOD documents for a video, and whether it plays with a PlayAuth.
const PLAYS = {
  Normal: true,
  UploadSucc: false,
  Uploading: false,
  UploadFail: false,
  Transcoding: false,
  TranscodeFail: false,
  Checking: false,
  Blocked: false,
} as const;

describe('isPlayableStatus: VOD plays only Normal videos with a PlayAuth', () => {
  it('answers Normal (and an unstated status) true, every other status false', () => {
    const statuses = Object.keys(PLAYS) as Array<keyof typeof PLAYS>;
    expect(Object.fromEntries(statuses.map((s) => [s, isPlayableStatus(s)]))).toEqual(PLAYS);
    expect(isPlayableStatus(undefined)).toBe(true);
  });

  it('makes videoRefusal answer 403 Forbidden.IllegalStatus for the others, UploadSucc first', () => {
    const refused = Object.entries(PLAYS).filter(([, plays]) => !plays);
    for (const [status] of refused) {
      expect(videoRefusal({ status })).toMatchObject({
        status: 403,
        code: 'Forbidden.IllegalStatus',
      });
    }
    expect(videoRefusal({ status: 'UploadSucc' })?.message).toContain('UploadSucc');
  });
});

describe('refusals', () => {
  it('videoRefusal: 404 for no video, nothing for a Normal one', () => {
    expect(videoRefusal(undefined)).toEqual(vodRefusal('InvalidVideo.NotFound'));
    expect(videoRefusal({ status: 'Normal' })).toBeUndefined();
  });

  it('videoIdRefusal: missing, malformed, fine', () => {
    expect(videoIdRefusal(null)?.code).toBe('MissingParameter');
    expect(videoIdRefusal('')?.code).toBe('MissingParameter');
    expect(videoIdRefusal('a/b')?.code).toBe('InvalidParameter');
    expect(videoIdRefusal('x'.repeat(65))?.code).toBe('InvalidParameter');
    expect(videoIdRefusal('abc_DEF-123')).toBeUndefined();
  });

  it('authInfoRefusal: expired at ExpireTime, other video, opaque passes', () => {
    const info = JSON.stringify({ ExpireTime: '2026-01-01T00:00:10Z', MediaId: 'v1' });
    const at = Date.parse('2026-01-01T00:00:10Z');
    expect(authInfoRefusal(info, 'v1', at - 1)).toBeUndefined();
    expect(authInfoRefusal(info, 'v1', at)).toMatchObject({
      status: 403,
      code: 'InvalidAuthInfo.ExpireTime',
    });
    expect(authInfoRefusal(info, 'v2', at - 1)?.code).toBe('InvalidAuthInfo.MediaId');
    expect(authInfoRefusal('opaque', 'v1', at)).toBeUndefined();
    expect(authInfoRefusal(undefined, 'v1', at)).toBeUndefined();
    expect(authInfoRefusal('null', 'v1', at)).toBeUndefined();
  });

  it('vodRefusal takes status and message from the table unless a message is given', () => {
    expect(vodRefusal('Throttling.User')).toEqual({
      status: 429,
      code: 'Throttling.User',
      message: vodErrors['Throttling.User'].message,
    });
    expect(vodRefusal('InvalidParameter', 'why').message).toBe('why');
  });
});
