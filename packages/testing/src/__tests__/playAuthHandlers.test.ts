import { fetchPlayAuth, isPlayAuthError } from '@playauth/core';
import { decodePlayAuth, parseAuthInfo } from '@playauth/testing';
import {
  createPlayAuthBody,
  type PlayAuthRequestInfo,
  playAuthHandlers,
} from '@playauth/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

// jsdom's location is http://localhost:3000/: relative msw paths resolve against it.
const endpoint = new URL('/api/play-auth', location.href).href;
const get = (query: string) => fetch(`${endpoint}?${query}`);

describe('playAuthHandlers: success', () => {
  test('200 with the verbatim GetVideoPlayAuth body, AuthInfoTimeout and no-store', async () => {
    server.use(
      ...playAuthHandlers({
        videos: { v1: { title: 'Intro', duration: 42, coverUrl: 'https://img.test/c.jpg' } },
      }),
    );
    const response = await get('VideoId=v1&AuthInfoTimeout=600');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      VideoMeta: {
        VideoId: 'v1',
        Title: 'Intro',
        Duration: 42,
        CoverURL: 'https://img.test/c.jpg',
        Status: 'Normal',
      },
      PlayAuth: expect.any(String),
      AuthInfoTimeout: 600,
    });
  });

  test('the PlayAuth decodes in the SDK shape, expiring after the validity used', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-05-05T05:05:05Z'), toFake: ['Date'] });
    server.use(...playAuthHandlers());
    const body = await (await get('VideoId=any-id&AuthInfoTimeout=5000')).json();
    expect(body.AuthInfoTimeout).toBe(3000);
    const token = decodePlayAuth(body.PlayAuth);
    expect(Object.keys(token).sort()).toEqual([
      'AccessKeyId',
      'AccessKeySecret',
      'AuthInfo',
      'CustomerId',
      'Region',
      'SecurityToken',
    ]);
    expect(parseAuthInfo(token)).toMatchObject({
      ExpireTime: '2025-05-05T05:55:05Z',
      MediaId: 'any-id',
    });
  });

  test('fetchPlayAuth (core) accepts it; authInfoTimeout overrides the requested validity', async () => {
    server.use(
      ...playAuthHandlers({
        videos: [{ videoId: 'v2', title: 'Two', duration: 3 }],
        authInfoTimeout: 100,
      }),
    );
    const credential = await fetchPlayAuth({ endpoint, videoId: 'v2', authInfoTimeout: 3000 });
    expect(credential.videoMeta).toEqual({
      videoId: 'v2',
      title: 'Two',
      duration: 3,
      status: 'Normal',
    });
    expect(credential.expiresAt - credential.issuedAt).toBe(100_000);
    expect(parseAuthInfo(decodePlayAuth(credential.playAuth))?.MediaId).toBe('v2');
  });

  test('hlsUriToken adds MtsHlsUriToken (a fresh fake per request, or your own); core reads it', async () => {
    server.use(...playAuthHandlers({ hlsUriToken: true }));
    const first = await fetchPlayAuth({ endpoint, videoId: 'enc', authInfoTimeout: 300 });
    const second = await fetchPlayAuth({ endpoint, videoId: 'enc', authInfoTimeout: 300 });
    expect(first.hlsUriToken).toBe('fake-hls.enc.1');
    expect(second.hlsUriToken).toBe('fake-hls.enc.2');
    server.use(
      ...playAuthHandlers({
        hlsUriToken: ({ videoId }) => (videoId === 'clear' ? undefined : 'mine'),
      }),
    );
    expect((await fetchPlayAuth({ endpoint, videoId: 'x' })).hlsUriToken).toBe('mine');
    expect((await fetchPlayAuth({ endpoint, videoId: 'clear' })).hlsUriToken).toBeUndefined();
    expect(createPlayAuthBody('v', { hlsUriToken: 't' }).MtsHlsUriToken).toBe('t');
  });

  test('onRequest sees each request with its attempt number; delayMs delays the answer', async () => {
    const seen: PlayAuthRequestInfo[] = [];
    server.use(...playAuthHandlers({ onRequest: (info) => seen.push(info), delayMs: 50 }));
    const started = Date.now();
    await get('VideoId=a');
    await get('VideoId=a');
    await get('VideoId=b&AuthInfoTimeout=1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(seen.map((i) => [i.videoId, i.attempt, i.authInfoTimeout])).toEqual([
      ['a', 1, 100],
      ['a', 2, 100],
      ['b', 1, 100],
    ]);
  });

  test('createPlayAuthBody builds the same body for hand-written handlers', () => {
    const body = createPlayAuthBody('v9', {
      video: { title: 'Nine', duration: 9 },
      authInfoTimeout: 200,
    });
    expect(body.VideoMeta).toEqual({ VideoId: 'v9', Title: 'Nine', Duration: 9, Status: 'Normal' });
    expect(body.AuthInfoTimeout).toBe(200);
    expect(parseAuthInfo(decodePlayAuth(body.PlayAuth))?.MediaId).toBe('v9');
    expect(createPlayAuthBody('v9', { includeAuthInfoTimeout: false })).not.toHaveProperty(
      'AuthInfoTimeout',
    );
  });
});

describe('playAuthHandlers: errors in the VOD shape', () => {
  test.each([
    ['notFound', 404, 'InvalidVideo.NotFound'],
    ['notReady', 403, 'Forbidden.IllegalStatus'],
    ['throttled', 429, 'Throttling.User'],
    ['serverError', 503, 'ServiceUnavailable'],
  ] as const)('%s -> %i %s', async (failure, status, code) => {
    server.use(...playAuthHandlers({ failures: { v1: failure } }));
    const response = await get('VideoId=v1');
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({
      Code: code,
      Message: expect.any(String),
      RequestId: expect.any(String),
    });
    expect((await get('VideoId=v2')).status).toBe(200);
  });

  test('network failure makes fetch reject', async () => {
    server.use(...playAuthHandlers({ failures: { v1: 'network' } }));
    await expect(get('VideoId=v1')).rejects.toThrow(TypeError);
  });

  test('custom failures and a failure function (fail twice, then succeed)', async () => {
    server.use(
      ...playAuthHandlers({
        failures: ({ videoId, attempt }) =>
          videoId === 'flaky' && attempt <= 2 ? { status: 500, code: 'InternalError' } : undefined,
      }),
    );
    expect((await get('VideoId=flaky')).status).toBe(500);
    const second = await get('VideoId=flaky');
    expect(await second.json()).toMatchObject({ Code: 'InternalError' });
    expect((await get('VideoId=flaky')).status).toBe(200);
  });

  test('an id not in the catalog is 404; a video not playable yet is 403', async () => {
    server.use(
      ...playAuthHandlers({
        videos: {
          ok: { title: 'Ok', duration: 1 },
          busy: { title: 'B', duration: 1, status: 'Transcoding' },
        },
      }),
    );
    expect((await get('VideoId=other')).status).toBe(404);
    const busy = await get('VideoId=busy');
    expect(busy.status).toBe(403);
    expect((await busy.json()).Code).toBe('Forbidden.IllegalStatus');
  });

  test('UploadSucc is not playable: 403 Forbidden.IllegalStatus, as VOD and the emulator answer', async () => {
    server.use(
      ...playAuthHandlers({ videos: { fresh: { title: 'F', duration: 1, status: 'UploadSucc' } } }),
    );
    const fresh = await get('VideoId=fresh');
    expect(fresh.status).toBe(403);
    expect((await fresh.json()).Code).toBe('Forbidden.IllegalStatus');
  });

  test.each([
    ['a missing VideoId', ''],
    ['a malformed VideoId', 'VideoId=a%2Fb'],
    ['a too long VideoId', `VideoId=${'x'.repeat(65)}`],
    ['a non-numeric AuthInfoTimeout', 'VideoId=v1&AuthInfoTimeout=soon'],
  ])('%s is 400 InvalidParameter', async (_, query) => {
    const onRequest = vi.fn();
    server.use(...playAuthHandlers({ onRequest }));
    const response = await get(query);
    expect(response.status).toBe(400);
    expect((await response.json()).Code).toBe('InvalidParameter');
    expect(onRequest).not.toHaveBeenCalled();
  });

  test('fetchPlayAuth maps the statuses to PlayAuthError codes', async () => {
    server.use(...playAuthHandlers({ failures: { gone: 'notFound', busy: 'throttled' } }));
    const gone = await fetchPlayAuth({ endpoint, videoId: 'gone' }).catch((e: unknown) => e);
    expect(isPlayAuthError(gone) && [gone.code, gone.status, gone.retryable]).toEqual([
      'InvalidVideo.NotFound',
      404,
      false,
    ]);
    const busy = await fetchPlayAuth({ endpoint, videoId: 'busy' }).catch((e: unknown) => e);
    expect(isPlayAuthError(busy) && busy.retryable).toBe(true);
  });
});
