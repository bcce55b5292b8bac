// @vitest-environment node
import { toVideoMeta } from '@playauth/core';
import { createVodClient } from '@playauth/server';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getVideoInfoHandlers } from '../msw/getVideoInfoHandlers';
import { createVideoInfoBody } from '../vod/createVideoInfoBody';

const videos = {
  v1: { title: 'Intro', duration: 42, coverUrl: 'https://img.example.com/v1.jpg' },
  v2: { title: 'Uploading', duration: 0, status: 'Uploading' },
};
const requests: string[] = [];
const server = setupServer(
  ...getVideoInfoHandlers({
    videos,
    failures: { busy: 'throttled' },
    onRequest: ({ videoId }) => requests.push(videoId),
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

const vod = createVodClient({
  accessKeyId: 'test-key',
  accessKeySecret: 'test-secret',
  retryDelayMs: () => 0,
  maxRetries: 1,
});

describe('getVideoInfoHandlers', () => {
  it('answers the GetVideoInfo call of createVodClient with the shared body builder', async () => {
    const body = await vod.getVideoInfo({ videoId: 'v1' });
    expect(body).toEqual({
      ...createVideoInfoBody('v1', { video: videos.v1 }),
      RequestId: body.RequestId,
    });
    expect(toVideoMeta(body)).toEqual({
      videoId: 'v1',
      title: 'Intro',
      duration: 42,
      coverUrl: 'https://img.example.com/v1.jpg',
      status: 'Normal',
    });
    expect((await vod.getVideoInfo({ videoId: 'v2' })).Video.Status).toBe('Uploading');
    expect(requests).toEqual(['v1', 'v2']);
  });

  it('answers 404 InvalidVideo.NotFound for an unknown id and scripted failures', async () => {
    await expect(vod.getVideoInfo({ videoId: 'nope' })).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
    });
    await expect(vod.getVideoInfo({ videoId: 'busy' })).rejects.toMatchObject({
      code: 'Throttling.User',
    });
    expect(requests).toEqual(['nope', 'busy', 'busy']);
  });
});
