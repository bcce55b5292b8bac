import { describe, expect, it } from 'vitest';
import { isPlayAuthError } from '../PlayAuthError';
import { toVideoMeta } from '../toVideoMeta';

const REQUEST_ID = '25818875-5F78-4A13-BEF6-D7393642CA58';
const body = {
  RequestId: REQUEST_ID,
  Video: {
    VideoId: '93ab850b4f6f54b6e91d24d81d4****',
    Title: 'Launch keynote',
    Description: 'The whole keynote',
    Duration: 135.6,
    CoverURL: 'https://example.aliyundoc.com/snapshot/cover.jpg?auth_key=1-0-0-abc',
    Status: 'Normal',
    CreationTime: '2017-11-14T09:15:50Z',
    Size: 10897890,
    Snapshots: { Snapshot: ['https://example.aliyundoc.com/snapshot/00001.jpg'] },
    CateName: 'Keynotes',
  },
};
const withVideo = (patch: Record<string, unknown>) => ({
  ...body,
  Video: { ...body.Video, VideoId: 'v1', ...patch },
});

function thrown(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(isPlayAuthError(error)).toBe(true);
    return error as { code: string; message: string; requestId?: string };
  }
  throw new Error('expected toVideoMeta to throw');
}

describe('toVideoMeta', () => {
  it('reads a GetVideoInfo answer into a VideoMeta, dropping the other fields', () => {
    const meta = toVideoMeta(withVideo({}));
    expect(meta).toEqual({
      videoId: 'v1',
      title: 'Launch keynote',
      duration: 135.6,
      coverUrl: 'https://example.aliyundoc.com/snapshot/cover.jpg?auth_key=1-0-0-abc',
      status: 'Normal',
    });
  });

  it('sanitises the cover as parsePlayAuthResponse does: only http(s) URLs stay', () => {
    for (const CoverURL of ['javascript:alert(1)', '//evil.example/x.jpg', '', 42, null]) {
      expect(toVideoMeta(withVideo({ CoverURL }))).not.toHaveProperty('coverUrl');
    }
    expect(toVideoMeta(withVideo({ CoverURL: 'HTTP://cdn.example.com/c.jpg' })).coverUrl).toBe(
      'http://cdn.example.com/c.jpg',
    );
  });

  it('reads a decimal string Duration, and a missing one (an upload VOD has not analysed) as 0', () => {
    expect(toVideoMeta(withVideo({ Duration: '12.5' })).duration).toBe(12.5);
    const { Duration: _, ...video } = withVideo({}).Video;
    expect(toVideoMeta({ ...body, Video: { ...video, Status: 'Uploading' } })).toMatchObject({
      duration: 0,
      status: 'Uploading',
    });
  });

  it.each([
    ['no body', undefined, 'Video'],
    [
      'an error body',
      { Code: 'InvalidVideo.NotFound', Message: 'x', RequestId: REQUEST_ID },
      'Video',
    ],
    [
      'a GetVideoPlayAuth answer',
      { RequestId: REQUEST_ID, PlayAuth: 'x', VideoMeta: body.Video },
      'Video',
    ],
    ['an array Video', { ...body, Video: [body.Video] }, 'Video'],
    ['a string Video', { ...body, Video: 'Normal' }, 'Video'],
    ['a numeric Title', withVideo({ Title: 1 }), 'Video.Title'],
    ['a null Duration', withVideo({ Duration: null }), 'Video.Duration'],
    ['a negative Duration', withVideo({ Duration: -1 }), 'Video.Duration'],
    ['a word Duration', withVideo({ Duration: 'long' }), 'Video.Duration'],
    ['no Status', withVideo({ Status: undefined }), 'Video.Status'],
    ['no VideoId', withVideo({ VideoId: undefined }), 'Video.VideoId'],
    ['a malformed VideoId', withVideo({ VideoId: '../x' }), 'Video.VideoId'],
  ])('throws InvalidResponse naming the field for %s', (_, input, field) => {
    const error = thrown(() => toVideoMeta(input));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain(`${field} must be`);
    expect(error.message).toContain('pass the GetVideoInfo answer body');
  });

  it('carries the RequestId of a malformed answer', () => {
    expect(thrown(() => toVideoMeta(withVideo({ Title: 1 }))).requestId).toBe(REQUEST_ID);
  });
});
