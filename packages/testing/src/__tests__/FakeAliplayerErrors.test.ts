import type { AliplayerErrorData } from '@playauth/core';
import { createPlayAuth, encodePlayAuth, FakeAliplayer } from '@playauth/testing';
import { getPlayInfoHandlers } from '@playauth/testing/msw';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { mountContainer, nextEvent, playerInNewContainer } from './fakeAliplayerTestUtils';

const VOD = 'http://127.0.0.1:9999/vod';
const videos = {
  v1: { title: 'One', duration: 30, playUrl: 'http://127.0.0.1:9999/media/v1.mp4' },
  hls: { title: 'HLS', duration: 30, playUrl: 'http://127.0.0.1:9999/media/hls.m3u8' },
  gone: { title: 'Gone', duration: 30, playUrl: 'http://127.0.0.1:9999/media/gone.mp4' },
};
const vodRequests: URL[] = [];
const server = setupServer(
  ...getPlayInfoHandlers({
    endpoint: VOD,
    videos,
    failures: { throttled: 'throttled', nonce: { status: 400, code: 'SignatureNonceUsed' } },
    onRequest: ({ request }) => vodRequests.push(new URL(request.url)),
  }),
  http.get('http://127.0.0.1:9999/media/v1.mp4', () => new HttpResponse('ok', { status: 206 })),
  http.get('http://127.0.0.1:9999/media/hls.m3u8', () => new HttpResponse(null, { status: 403 })),
  http.get('http://127.0.0.1:9999/media/gone.mp4', () => new HttpResponse(null, { status: 403 })),
  http.get('http://127.0.0.1:9999/media/offline.mp4', () => HttpResponse.error()),
);

let container: HTMLDivElement;
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  container = mountContainer();
  vodRequests.length = 0;
});
afterEach(() => {
  server.resetHandlers();
  FakeAliplayer.reset();
  vi.useRealTimers();
  container.remove();
});
afterAll(() => server.close());

const request = { customVodServer: VOD, customVodServerFirst: true };
function create(options: Record<string, unknown>) {
  return new FakeAliplayer({ id: container.id, vid: 'v1', ...options });
}
async function errorOf(player: FakeAliplayer): Promise<AliplayerErrorData> {
  return (await nextEvent(player, 'error')).paramData as AliplayerErrorData;
}

describe('GetPlayInfo errors (signed request to an msw VOD server)', () => {
  test('an expired credential is 4002, with the VOD code in error_msg and the request id', async () => {
    const ready = vi.fn();
    const player = new FakeAliplayer(
      {
        id: container.id,
        vid: 'v1',
        playauth: createPlayAuth('v1', { now: Date.now() - 200_000 }),
        ...request,
      },
      ready,
    );
    const error = await errorOf(player);
    expect(error).toMatchObject({
      error_code: 4002,
      error_msg:
        'InvalidAuthInfo.ExpireTime|The AuthInfo is expired: get a new PlayAuth (GetVideoPlayAuth) and retry.',
      mediaId: 'v1',
      sri: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
    expect(error.display_msg).toBe(
      'Playauth expired, please close or refresh</br>InvalidAuthInfo.ExpireTime|The AuthInfo is expired: get a new PlayAuth (GetVideoPlayAuth) and retry.',
    );
    expect(ready).not.toHaveBeenCalled();
    expect(player.getStatus()).toBe('error');
  });

  test('an unknown video is 4500 (InvalidVideo.NotFound)', async () => {
    const player = create({ vid: 'nope', playauth: createPlayAuth('nope'), ...request });
    const error = await errorOf(player);
    expect(error.error_code).toBe(4500);
    expect(error.error_msg).toBe('InvalidVideo.NotFound|The video does not exist.');
  });

  test('a credential for another video is rejected (4500)', async () => {
    const player = create({ vid: 'v1', playauth: createPlayAuth('hls'), ...request });
    expect((await errorOf(player)).error_msg).toMatch(/^InvalidAuthInfo\.MediaId\|/);
  });

  test('a PlayAuth signed with an unknown secret fails the signature check (4500)', async () => {
    const player = create({
      playauth: createPlayAuth('v1', { accessKeySecret: 'wrong' }),
      ...request,
    });
    expect((await errorOf(player)).error_msg).toMatch(/^SignatureDoesNotMatch\|/);
  });

  test.each([
    ['throttled', 4500, /^Throttling\.User\|/],
    ['nonce', 4024, /^SignatureNonceUsed\|/],
  ])('scripted failure %s maps to %i', async (vid, code, message) => {
    const player = create({ vid, playauth: createPlayAuth(vid), ...request });
    const error = await errorOf(player);
    expect(error.error_code).toBe(code);
    expect(error.error_msg).toMatch(message);
  });

  test('GetPlayInfo retries like the SDK: two tries per host, custom first, then vod and vod-product', async () => {
    const hosts: string[] = [];
    server.use(
      http.get(VOD, ({ request }) => {
        hosts.push(new URL(request.url).host);
        return HttpResponse.error();
      }),
      http.get(/^https:\/\/vod(-product)?\.cn-shanghai\.aliyuncs\.com\/$/, ({ request }) => {
        hosts.push(new URL(request.url).host);
        return new HttpResponse('Bad gateway', { status: 502 });
      }),
    );
    const player = create({ playauth: createPlayAuth('v1'), ...request });
    const error = await errorOf(player);
    expect(hosts).toEqual([
      '127.0.0.1:9999',
      '127.0.0.1:9999',
      'vod.cn-shanghai.aliyuncs.com',
      'vod.cn-shanghai.aliyuncs.com',
      'vod-product.cn-shanghai.aliyuncs.com',
      'vod-product.cn-shanghai.aliyuncs.com',
    ]);
    expect(error.error_code).toBe(4500);
  });

  test('a transient network failure is retried with a fresh nonce; VOD errors are not', async () => {
    server.use(http.get(VOD, () => HttpResponse.error(), { once: true }));
    const player = create({ playauth: createPlayAuth('v1'), ...request });
    await nextEvent(player, 'canplay');
    expect(vodRequests).toHaveLength(1);
    const other = mountContainer();
    const missing = new FakeAliplayer({
      id: other.id,
      vid: 'nope',
      playauth: createPlayAuth('nope'),
      ...request,
    });
    await errorOf(missing);
    expect(vodRequests).toHaveLength(2);
    other.remove();
  });

  test('without customVodServerFirst the SDK asks vod.<Region> first', async () => {
    const hosts: string[] = [];
    server.use(
      ...getPlayInfoHandlers({
        videos,
        onRequest: ({ request }) => hosts.push(new URL(request.url).host),
      }),
    );
    const player = create({ playauth: createPlayAuth('v1'), customVodServer: VOD });
    await nextEvent(player, 'canplay');
    expect(hosts).toEqual(['vod.cn-shanghai.aliyuncs.com']);
    expect(vodRequests).toEqual([]);
  });

  test('sends GetPlayInfo to customVodServer with RegionId, or to vod.<Region> with playInfo: request', async () => {
    const player = create({ playauth: createPlayAuth('v1', { region: 'cn-beijing' }), ...request });
    await nextEvent(player, 'canplay');
    expect(vodRequests[0]?.searchParams.get('RegionId')).toBe('cn-beijing');
    expect(vodRequests[0]?.searchParams.get('Action')).toBe('GetPlayInfo');
    expect(vodRequests[0]?.searchParams.get('PlayerVersion')).toBe('2.37.7');

    const hosts: string[] = [];
    server.use(
      ...getPlayInfoHandlers({
        videos,
        onRequest: ({ request }) => hosts.push(new URL(request.url).host),
      }),
    );
    const other = mountContainer();
    const direct = new FakeAliplayer({
      id: other.id,
      vid: 'v1',
      playauth: createPlayAuth('v1', { region: 'ap-southeast-1' }),
      fake: { playInfo: 'request' },
    });
    await nextEvent(direct, 'canplay');
    expect(hosts).toEqual(['vod.ap-southeast-1.aliyuncs.com']);
    other.remove();
  });
});

describe('PlayAuth decoding', () => {
  test.each([
    ['not base64', 'not a PlayAuth!'],
    ['base64 of non-JSON', btoa('hello')],
    ['base64 of a JSON string', btoa('"x"')],
  ])('%s is error 4012, reported asynchronously', async (_, playauth) => {
    const player = create({ playauth });
    const error = await errorOf(player);
    expect(error).toMatchObject({ error_code: 4012, error_msg: 'playauth decoded failed.' });
    expect(error.display_msg).toContain('PlayAuth parsing error');
  });

  test('once the PlayAuth module is loaded, a 4012 fires inside the constructor: later listeners miss it', async () => {
    FakeAliplayer.configure({ videos });
    await nextEvent(create({ playauth: createPlayAuth('v1') }), 'playInfoLoaded');
    const other = mountContainer();
    const player = new FakeAliplayer({ id: other.id, vid: 'v1', playauth: 'garbage' });
    expect(player.getStatus()).toBe('error');
    const late = vi.fn();
    player.on('error', late);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(late).not.toHaveBeenCalled();
    expect(other).toHaveTextContent('playauth decoded failed.');
    other.remove();
  });

  test('the smallest PlayAuth the SDK accepts works offline', async () => {
    const playauth = encodePlayAuth({
      AccessKeyId: 'a',
      AccessKeySecret: 'b',
      Region: 'cn-shanghai',
    });
    const player = create({ playauth, fake: { videos } });
    await nextEvent(player, 'playing');
    expect(player.playInfo?.title).toBe('One');
  });

  test('offline play info applies VOD rules: expiry 4002, unknown video 4500', async () => {
    FakeAliplayer.configure({ videos });
    const expired = create({ playauth: createPlayAuth('v1', { now: Date.now() - 101_000 }) });
    expect((await errorOf(expired)).error_code).toBe(4002);
    const missing = playerInNewContainer('x');
    expect((await errorOf(missing.player)).error_code).toBe(4500);
    missing.container.remove();
  });

  test('a resolver answering a VOD error body, or throwing, maps like GetPlayInfo', async () => {
    FakeAliplayer.configure({
      playInfo: (vid) => {
        if (vid === 'boom') throw new Error('offline');
        return { Code: 'Forbidden.IllegalStatus', Message: 'Transcoding' };
      },
    });
    const refused = create({ playauth: createPlayAuth('v1') });
    expect(await errorOf(refused)).toMatchObject({
      error_code: 4500,
      error_msg: 'Forbidden.IllegalStatus|Transcoding',
    });
    const thrown = playerInNewContainer('boom');
    expect((await errorOf(thrown.player)).error_code).toBe(4500);
    thrown.container.remove();
  });
});

describe('play URL errors (simulated mode)', () => {
  test.each([
    ['v1', undefined],
    ['gone', 4400],
    ['hls', 4025],
  ] as const)('checkPlayUrl fetch: %s -> %s', async (vid, code) => {
    const player = create({
      vid,
      playauth: createPlayAuth(vid),
      ...request,
      fake: { checkPlayUrl: 'fetch' },
    });
    const outcome = await Promise.race([
      errorOf(player),
      nextEvent(player, 'playing').then(() => undefined),
    ]);
    expect(outcome?.error_code).toBe(code);
  });

  test('an unreachable play URL is 4016', async () => {
    FakeAliplayer.configure({
      videos: { v1: { ...videos.v1, playUrl: 'http://127.0.0.1:9999/media/offline.mp4' } },
      checkPlayUrl: 'fetch',
    });
    const player = create({ playauth: createPlayAuth('v1') });
    const events: string[] = [];
    player.on('play', () => events.push('play'));
    player.on('canplay', () => events.push('canplay'));
    const error = await errorOf(player);
    expect(error.error_code).toBe(4016);
    expect(events).toEqual(['play']);
  });

  test('seeking after the play URL expired (authTimeout) is 4400, as a signed MP4 URL answers 403', async () => {
    vi.useFakeTimers();
    FakeAliplayer.configure({ videos });
    const player = create({ playauth: createPlayAuth('v1'), authTimeout: 100, autoplay: false });
    const errors = vi.fn();
    player.on('error', errors);
    await vi.advanceTimersByTimeAsync(0);
    player.seek(5);
    await vi.advanceTimersByTimeAsync(100_001);
    expect(errors).not.toHaveBeenCalled();
    player.seek(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]?.[0].paramData.error_code).toBe(4400);
    expect(player.getCurrentTime()).toBe(5);
    player.play();
    await vi.advanceTimersByTimeAsync(1000);
    expect(player.getCurrentTime()).toBe(5);
  });

  test('simulateError fires a player error and stops playback without a pause event', async () => {
    vi.useFakeTimers();
    FakeAliplayer.configure({ videos });
    const player = create({ playauth: createPlayAuth('v1') });
    await vi.advanceTimersByTimeAsync(1000);
    const seen: string[] = [];
    player.on('pause', () => seen.push('pause'));
    player.on('error', (e) => seen.push(`error:${e.paramData.error_code}`));
    player.simulateError(4016);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['error:4016']);
    expect(player.getCurrentTime()).toBeCloseTo(1, 5);
    expect(player.getStatus()).toBe('error');
  });
});

describe('licence (FakeAliplayer.enforceLicense)', () => {
  test('off by default: no licence needed on http://localhost', async () => {
    FakeAliplayer.configure({ videos });
    const player = create({ playauth: createPlayAuth('v1') });
    const error = vi.fn();
    player.on('error', error);
    await nextEvent(player, 'playing');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(error).not.toHaveBeenCalled();
  });

  test('on: 4036 about 130 ms after creation, the video removed, every listener dropped', async () => {
    vi.useFakeTimers();
    FakeAliplayer.enforceLicense = true;
    FakeAliplayer.configure({ videos });
    const player = create({ playauth: createPlayAuth('v1') });
    const error = vi.fn();
    const timeupdate = vi.fn();
    player.on('error', error);
    player.on('timeupdate', timeupdate);
    await vi.advanceTimersByTimeAsync(129);
    expect(error).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[0].paramData).toMatchObject({
      error_code: 4036,
      error_msg: 'License params are required',
    });
    expect(container.querySelector('video')).toBeNull();
    expect(player.listenerCount()).toBe(0);
    expect(player.internalListenerCount()).toBe(0);
    timeupdate.mockClear();
    player.play();
    await vi.advanceTimersByTimeAsync(1000);
    expect(timeupdate).not.toHaveBeenCalled();
  });

  test('on: a complete licence passes; checkLicense can answer 4039 for a wrong key', async () => {
    vi.useFakeTimers();
    FakeAliplayer.enforceLicense = true;
    FakeAliplayer.configure({
      videos,
      checkLicense: (license, page) =>
        license?.key === 'good' && license.domain === page.hostname ? undefined : 4039,
    });
    const good = create({
      playauth: createPlayAuth('v1'),
      license: { domain: 'localhost', key: 'good' },
    });
    const goodError = vi.fn();
    good.on('error', goodError);
    const other = mountContainer();
    const bad = new FakeAliplayer({
      id: other.id,
      vid: 'v1',
      playauth: createPlayAuth('v1'),
      license: { domain: 'localhost', key: 'bad' },
    });
    const badError = vi.fn();
    bad.on('error', badError);
    await vi.advanceTimersByTimeAsync(500);
    expect(goodError).not.toHaveBeenCalled();
    expect(badError.mock.calls[0]?.[0].paramData.error_code).toBe(4039);
    other.remove();
  });
});

describe('dispose while loading (FakeAliplayer.strict)', () => {
  const collect = () => {
    const uncaught: unknown[] = [];
    FakeAliplayer.onUncaughtError = (error) => uncaught.push(error);
    return uncaught;
  };

  test('create, dispose, create in one tick on a fresh page: TypeError when the module loads', async () => {
    const uncaught = collect();
    create({ playauth: createPlayAuth('v1'), ...request }).dispose();
    const second = create({ playauth: createPlayAuth('v1'), ...request });
    await nextEvent(second, 'canplay');
    expect(uncaught).toHaveLength(1);
    expect(uncaught[0]).toBeInstanceOf(TypeError);
    expect(String(uncaught[0])).toContain("reading 'accessKeyId'");
    expect(vodRequests).toHaveLength(1);
  });

  test('disposing while GetPlayInfo is in flight: TypeError when the answer arrives', async () => {
    const uncaught = collect();
    await nextEvent(create({ playauth: createPlayAuth('v1'), ...request }), 'canplay');
    const other = mountContainer();
    new FakeAliplayer({
      id: other.id,
      vid: 'v1',
      playauth: createPlayAuth('v1'),
      ...request,
    }).dispose();
    await vi.waitFor(() => expect(uncaught).toHaveLength(1));
    expect(String(uncaught[0])).toMatch(/reading 'vodMediaInfo'.*deferred task/);
    expect(vodRequests).toHaveLength(2);
    other.remove();
  });

  test('no TypeError with strict off, or when disposing after the answer', async () => {
    const uncaught = collect();
    FakeAliplayer.strict = false;
    create({ playauth: createPlayAuth('v1'), ...request }).dispose();
    await nextEvent(create({ playauth: createPlayAuth('v1'), ...request }), 'canplay');
    FakeAliplayer.strict = true;
    const loaded = create({ playauth: createPlayAuth('v1'), ...request });
    await nextEvent(loaded, 'playInfoLoaded');
    loaded.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);
  });

  test('reset() starts a new page: players disposed by it never throw', async () => {
    await nextEvent(create({ playauth: createPlayAuth('v1'), ...request }), 'canplay');
    const other = mountContainer();
    new FakeAliplayer({ id: other.id, vid: 'v1', playauth: createPlayAuth('v1'), ...request });
    FakeAliplayer.reset();
    const uncaught = collect();
    await vi.waitFor(() => expect(vodRequests).toHaveLength(2));
    other.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);
  });
});
