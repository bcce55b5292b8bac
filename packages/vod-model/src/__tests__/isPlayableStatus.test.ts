import {
  authInfoRefusal,
  isPlayableStatus,
  videoIdRefusal,
  videoRefusal,
  vodErrors,
  vodRefusal,
} from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

describe('isPlayableStatus: VOD plays only Normal videos with a PlayAuth', () => {
  it('plays Normal (and a catalogue entry without a status)', () => {
    expect(isPlayableStatus('Normal')).toBe(true);
    expect(isPlayableStatus(undefined)).toBe(true);
  });

  it.each([
    'UploadSucc',
    'Uploading',
    'UploadFail',
    'Transcoding',
    'TranscodeFail',
    'Checking',
    'Blocked',
  ])('refuses %s', (status) => {
    expect(isPlayableStatus(status)).toBe(false);
    expect(videoRefusal({ status })).toMatchObject({
      status: 403,
      code: 'Forbidden.IllegalStatus',
    });
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
