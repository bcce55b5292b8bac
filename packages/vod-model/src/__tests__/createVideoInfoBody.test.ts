import type { GetVideoInfoResponse } from '@playauth/core';
import { toVideoMeta } from '@playauth/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createVideoInfoBody, type GetVideoInfoBody } from '../createVideoInfoBody';

describe('createVideoInfoBody', () => {
  it("answers in VOD's GetVideoInfo shape, optional fields only when known", () => {
    expect(
      createVideoInfoBody({
        requestId: 'R1',
        video: { videoId: 'v1', title: 'Intro', duration: 42.5 },
      }),
    ).toEqual({
      RequestId: 'R1',
      Video: { VideoId: 'v1', Title: 'Intro', Duration: 42.5, Status: 'Normal' },
    });
    const full = createVideoInfoBody({
      requestId: 'R2',
      video: {
        videoId: 'v2',
        title: 'Teaser',
        duration: 6,
        status: 'Transcoding',
        coverUrl: 'https://img.example.com/v2.jpg',
        description: 'Short',
        creationTime: '2026-01-05T08:00:00Z',
        size: 1234,
      },
    });
    expect(full.Video).toEqual({
      VideoId: 'v2',
      Title: 'Teaser',
      Duration: 6,
      CoverURL: 'https://img.example.com/v2.jpg',
      Status: 'Transcoding',
      Description: 'Short',
      CreationTime: '2026-01-05T08:00:00Z',
      Size: 1234,
    });
  });

  it("is what @playauth/core's toVideoMeta reads (the type and the validation agree)", () => {
    expectTypeOf<GetVideoInfoBody>().toExtend<GetVideoInfoResponse>();
    const body = createVideoInfoBody({
      requestId: 'R3',
      video: { videoId: 'v3', title: 'T', duration: 1, coverUrl: 'https://c.example/x.jpg' },
    });
    expect(toVideoMeta(body)).toEqual({
      videoId: 'v3',
      title: 'T',
      duration: 1,
      coverUrl: 'https://c.example/x.jpg',
      status: 'Normal',
    });
  });
});
