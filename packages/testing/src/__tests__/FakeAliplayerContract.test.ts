import { createPlayAuth, FakeAliplayer } from '@playauth/testing';
import { getPlayInfoHandlers } from '@playauth/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { describeAliplayerContract } from '../contract/aliplayerContract';

// A VOD GetPlayInfo server in-process: the fake sends the same signed request as the SDK.
const VOD = 'http://127.0.0.1:9999/vod';
const server = setupServer(
  ...getPlayInfoHandlers({
    endpoint: VOD,
    videos: { v1: { title: 'Contract', duration: 30, definitions: ['LD', 'SD'] } },
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => FakeAliplayer.reset());
afterAll(() => server.close());

describeAliplayerContract('FakeAliplayer (jsdom, simulated time, GetPlayInfo over msw)', {
  getConstructor: () => FakeAliplayer,
  setup: () => ({
    videoId: 'v1',
    missingVideoId: 'missing-video',
    playAuth: (videoId) => createPlayAuth(videoId, { authInfoTimeout: 3000 }),
    expiredPlayAuth: (videoId) => createPlayAuth(videoId, { now: Date.now() - 3_600_000 }),
    options: {
      customVodServer: VOD,
      customVodServerFirst: true,
      mute: true,
      trackLog: false,
      disableTrack: true,
    },
  }),
  eventTimeoutMs: 5000,
});
