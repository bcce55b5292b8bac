// @playauth/server's PlayAuth endpoint against the emulator over real sockets on 127.0.0.1, both
// through toNodeHandler on a node:http server and called directly with Web Requests: success,
// clamping, the mapping of every upstream error class, coalescing, hostile input, a full round
// trip down to the media bytes, and a sweep for leaked credentials.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { parsePlayAuthResponse } from '@playauth/core';
import {
  type CreatePlayAuthHandlerOptions,
  type CreateVodClientOptions,
  createPlayAuthHandler,
  createVodClient,
  isVodApiError,
  type PlayAuthErrorContext,
  type PlayAuthHandler,
  toNodeHandler,
} from '@playauth/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createManualClock,
  DEFAULT_ACCESS_KEY,
  DEFAULT_VIDEO_IDS,
  decodeAuthInfo,
  decodePlayAuth,
  type GetPlayInfoBody,
  SAMPLE_MEDIA,
  signRpcV2,
  startVodEmulator,
  type VodEmulator,
} from '../index';
import { findLeaks } from './secretSweep';
import { sdkGetPlayInfoParams } from './signers';
import {
  type Attempt,
  createRecordingFetch,
  emulatorClientOptions,
  MAX_RETRIES,
} from './vodClientRecorder';

const ID = DEFAULT_VIDEO_IDS.testPattern;
const STS_KEY = {
  accessKeyId: 'STS.HandlerIntegrationRole',
  accessKeySecret: 'HandlerStsSecret-3b5d',
  securityToken: 'HandlerStsToken+/=qrs',
};
const WRONG_SECRET = 'HandlerWrongSecret-a1b2c3';
const UNKNOWN_KEY_ID = 'LTAIHandlerUnknownKey';
const TRANSPORTS = ['node:http', 'direct'] as const;
type Transport = (typeof TRANSPORTS)[number];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

interface Report {
  error: unknown;
  context: PlayAuthErrorContext;
}

const clock = createManualClock();
let emulator: VodEmulator;
let app: Server;
let appUrl: string;
/** The handler behind both transports; tests replace it with {@link setup}. */
let handler: PlayAuthHandler;
let attempts: Attempt[] = [];
let reports: Report[] = [];
const authorize = vi.fn<(request: Request, videoId: string) => boolean>();
/** Every response, onError report and console line of this file, swept at the end. */
const produced: string[] = [];
const signatures = new Set<string>();

const recordingFetch = createRecordingFetch((attempt) => {
  signatures.add(attempt.signature);
  attempts.push(attempt);
});

function recordReport(error: unknown, context: PlayAuthErrorContext): void {
  reports.push({ error, context });
  produced.push(
    inspect(error, { depth: 5 }),
    isVodApiError(error) ? `${error.message}\n${error.stack}\n${String(error.cause)}` : '',
    JSON.stringify({ ...context, request: context.request.url }),
  );
}

/** Installs a handler over a fresh client of the emulator. */
function setup(
  options: Partial<CreatePlayAuthHandlerOptions> = {},
  clientOptions: Partial<CreateVodClientOptions> = {},
): void {
  handler = createPlayAuthHandler({
    client: createVodClient({
      ...emulatorClientOptions(emulator, recordingFetch),
      ...clientOptions,
    }),
    authorize,
    onError: recordReport,
    ...options,
  });
}

/** Calls the endpoint through `transport`; `query` starts with `?` (or is empty). */
async function send(transport: Transport, query: string, init: RequestInit = {}): Promise<Answer> {
  const response =
    transport === 'direct'
      ? await handler(new Request(`http://app.test/api/play-auth${query}`, init))
      : await fetch(`${appUrl}/api/play-auth${query}`, init);
  const text = await response.text();
  produced.push(text, JSON.stringify([...response.headers]));
  let body: Record<string, unknown> = {};
  if (text) body = JSON.parse(text) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, text, body };
}

const upstreamCodes = () =>
  emulator.requests.filter((r) => r.action === 'GetVideoPlayAuth').map((r) => r.code);

/** Seconds between the emulator's clock and the ExpireTime inside a PlayAuth. */
const validityOf = (playAuth: unknown) =>
  (Date.parse(decodeAuthInfo(decodePlayAuth(String(playAuth)).AuthInfo).ExpireTime) - clock.now()) /
  1000;

function expectSafeHeaders(answer: Answer): void {
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
}

const consoleSpies: Array<{ mockRestore(): void }> = [];

beforeAll(async () => {
  emulator = await startVodEmulator({ clock, accessKeys: [DEFAULT_ACCESS_KEY, STS_KEY] });
  app = createServer(toNodeHandler((request) => handler(request)));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  for (const method of ['error', 'warn', 'log', 'info', 'debug'] as const) {
    consoleSpies.push(
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        produced.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
      }),
    );
  }
});
afterAll(async () => {
  for (const spy of consoleSpies) spy.mockRestore();
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
  await emulator.close();
});
beforeEach(() => {
  clock.set(Math.floor(Date.now() / 1000) * 1000);
  emulator.clearFaults();
  emulator.clearRequests();
  emulator.setLatency('GetVideoPlayAuth', 0);
  attempts = [];
  reports = [];
  authorize.mockReset();
  authorize.mockReturnValue(true);
  setup();
});
afterEach(() => {
  vi.mocked(console.error).mockClear();
});

describe.each(TRANSPORTS)('success (%s)', (transport) => {
  it('answers 200 with the upstream body byte for byte plus AuthInfoTimeout (default 100)', async () => {
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(200);
    expectSafeHeaders(answer);
    expect(attempts).toHaveLength(1);
    const upstream = attempts[0]?.body ?? '';
    expect(upstream.endsWith('}')).toBe(true);
    expect(answer.text).toBe(`${upstream.slice(0, -1)},"AuthInfoTimeout":100}`);
    expect(answer.body.RequestId).toBe(emulator.requests[0]?.requestId);
    expect(validityOf(answer.body.PlayAuth)).toBe(100);
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), ID);
  });

  it('passes metadata through verbatim, unicode and markup included', async () => {
    const videoId = `unicode-title-${transport === 'direct' ? 'direct' : 'http'}`;
    const title = 'Ünïcödé 🎬 "quoted" </script><b>bold</b> \\ \u2028';
    emulator.setVideo({ videoId, title, duration: 12.5, status: 'Normal' });
    const answer = await send(transport, `?VideoId=${videoId}`);
    expect(answer.status).toBe(200);
    const upstream = attempts[0]?.body ?? '';
    expect(answer.text).toBe(`${upstream.slice(0, -1)},"AuthInfoTimeout":100}`);
    expect(answer.body.VideoMeta).toMatchObject({ VideoId: videoId, Title: title, Duration: 12.5 });
  });

  it('hands out a PlayAuth in the shape the Aliplayer SDK reads', async () => {
    const { body } = await send(transport, `?VideoId=${ID}&AuthInfoTimeout=600`);
    const payload = decodePlayAuth(String(body.PlayAuth));
    expect(payload).toMatchObject({
      AccessKeyId: expect.stringMatching(/^STS\./),
      AccessKeySecret: expect.any(String),
      SecurityToken: expect.any(String),
      Region: emulator.region,
      CustomerId: expect.any(Number),
    });
    expect(decodeAuthInfo(payload.AuthInfo)).toMatchObject({ MediaId: ID });
    expect(validityOf(body.PlayAuth)).toBe(600);
  });

  it.each([
    [undefined, {}, 100],
    [undefined, { default: 300 }, 300],
    ['0', {}, 100],
    ['50', {}, 100],
    ['100', {}, 100],
    ['1234', {}, 1234],
    ['0600', {}, 600],
    ['3000', {}, 3000],
    ['5000', {}, 3000],
    ['9999999999', {}, 3000],
    ['1000', { max: 600 }, 600],
    ['300', { max: 600, default: 200 }, 300],
  ] as const)(
    'AuthInfoTimeout=%s with %o -> %d s, asked of VOD and granted',
    async (value, bounds, expected) => {
      setup({ authInfoTimeout: bounds });
      const query =
        value === undefined ? `?VideoId=${ID}` : `?VideoId=${ID}&AuthInfoTimeout=${value}`;
      const { status, body } = await send(transport, query);
      expect(status).toBe(200);
      expect(body.AuthInfoTimeout).toBe(expected);
      expect(new URL(attempts[0]?.url ?? '').searchParams.get('AuthInfoTimeout')).toBe(
        String(expected),
      );
      expect(validityOf(body.PlayAuth)).toBe(expected);
    },
  );

  it('works with STS credentials', async () => {
    setup({}, { ...STS_KEY });
    const { status } = await send(transport, `?VideoId=${ID}`);
    expect(status).toBe(200);
    expect(reports).toEqual([]);
  });
});

describe.each(TRANSPORTS)('upstream errors (%s)', (transport) => {
  it('InvalidVideo.NotFound -> 404 with the upstream RequestId', async () => {
    const answer = await send(transport, '?VideoId=no-such-video');
    expect(answer.status).toBe(404);
    expectSafeHeaders(answer);
    expect(answer.body).toMatchObject({
      Code: 'InvalidVideo.NotFound',
      RequestId: emulator.requests[0]?.requestId,
    });
    expect(answer.headers.get('retry-after')).toBeNull();
    expect(upstreamCodes()).toEqual(['InvalidVideo.NotFound']);
    expect(reports.map((r) => [r.context.code, r.context.status])).toEqual([
      ['InvalidVideo.NotFound', 404],
    ]);
  });

  it.each([
    ['Transcoding', DEFAULT_VIDEO_IDS.transcoding],
    ['Blocked', DEFAULT_VIDEO_IDS.blocked],
  ])('Forbidden.IllegalStatus (%s video) -> 403, code passed through', async (_s, videoId) => {
    const answer = await send(transport, `?VideoId=${videoId}`);
    expect(answer.status).toBe(403);
    expect(answer.body.Code).toBe('Forbidden.IllegalStatus');
    expect(upstreamCodes()).toEqual(['Forbidden.IllegalStatus']);
  });

  it('Throttling.User outlasting the retries -> 429 with Retry-After, after fresh-nonce retries', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User' });
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(429);
    expectSafeHeaders(answer);
    expect(answer.body.Code).toBe('Throttling.User');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(upstreamCodes()).toEqual(Array(MAX_RETRIES + 1).fill('Throttling.User'));
    expect(new Set(attempts.map((a) => a.nonce)).size).toBe(MAX_RETRIES + 1);
    expect(reports).toHaveLength(1); // once per call, not per attempt
  });

  it.each([
    ['ServiceUnavailable', { code: 'ServiceUnavailable' }],
    ['InternalError', { code: 'InternalError' }],
    ['a dropped connection', { drop: true }],
  ])('%s outlasting the retries -> 503 with Retry-After', async (_w, fault) => {
    emulator.addFault({ action: 'GetVideoPlayAuth', ...fault });
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(503);
    expect(answer.body.Code).toBe('ServiceUnavailable');
    expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(emulator.count('GetVideoPlayAuth')).toBe(MAX_RETRIES + 1);
    expect(new Set(attempts.map((a) => a.nonce)).size).toBe(MAX_RETRIES + 1);
  });

  it.each([
    ['Throttling.User', [{ code: 'Throttling.User', times: MAX_RETRIES }]],
    ['InternalError', [{ code: 'InternalError', times: 1 }]],
    [
      'ServiceUnavailable then a drop',
      [
        { code: 'ServiceUnavailable', times: 1 },
        { drop: true, times: 1 },
      ],
    ],
  ])('a fault (%s) ending before the retries do -> 200', async (_w, faults) => {
    for (const fault of faults) emulator.addFault({ action: 'GetVideoPlayAuth', ...fault });
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(200);
    const calls = faults.reduce((n, f) => n + f.times, 0) + 1;
    expect(emulator.count('GetVideoPlayAuth')).toBe(calls);
    expect(upstreamCodes().at(-1)).toBe('OK');
    expect(new Set(attempts.map((a) => a.nonce)).size).toBe(calls);
    expect(answer.body.RequestId).toBe(emulator.requests.at(-1)?.requestId);
    expect(reports).toEqual([]);
  });

  it('a latency beyond timeoutMs -> 504 Timeout', async () => {
    setup({}, { timeoutMs: 80, maxRetries: 1 });
    emulator.addFault({ action: 'GetVideoPlayAuth', latencyMs: 250 });
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(504);
    expect(answer.body.Code).toBe('Timeout');
    expect(attempts.map((a) => a.status)).toEqual([undefined, undefined]);
    expect(reports.map((r) => r.context.code)).toEqual(['Timeout']);
    // Let the emulator finish the abandoned requests before the next test counts.
    await vi.waitFor(() => expect(emulator.count('GetVideoPlayAuth')).toBe(2), { timeout: 2000 });
  });

  it.each([
    ['a wrong AccessKeySecret', { accessKeySecret: WRONG_SECRET }, 'SignatureDoesNotMatch', 400],
    ['an unknown AccessKeyId', { accessKeyId: UNKNOWN_KEY_ID }, 'InvalidAccessKeyId.NotFound', 404],
    [
      'an STS key without its token',
      { accessKeyId: STS_KEY.accessKeyId, accessKeySecret: STS_KEY.accessKeySecret },
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
    ],
  ])(
    '%s -> 502 with a generic message, details only to onError',
    async (_w, creds, code, upstreamStatus) => {
      setup({}, creds);
      const answer = await send(transport, `?VideoId=${ID}`);
      expect(answer.status).toBe(502);
      expectSafeHeaders(answer);
      const requestId = emulator.requests[0]?.requestId;
      expect(answer.body).toEqual({
        Code: 'BadGateway',
        Message:
          'The video service refused the request of this server; the server log has details.',
        RequestId: requestId,
      });
      expect(answer.text).not.toContain(code);
      expect(upstreamCodes()).toEqual([code]); // not retried
      expect(reports).toHaveLength(1);
      expect(reports[0]?.error).toMatchObject({
        name: 'VodApiError',
        code,
        status: upstreamStatus,
        requestId,
      });
      expect(reports[0]?.context).toMatchObject({
        code,
        status: 502,
        requestId,
        videoId: ID,
        authInfoTimeout: 100,
      });
    },
  );

  it('a server clock 16 min off -> InvalidTimeStamp.Expired, not retried, 502', async () => {
    clock.advance(-16 * 60_000);
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(502);
    expect(answer.body.Code).toBe('BadGateway');
    expect(upstreamCodes()).toEqual(['InvalidTimeStamp.Expired']);
    expect(reports.map((r) => r.context.code)).toEqual(['InvalidTimeStamp.Expired']);
  });
});

describe('coalescing', () => {
  it('100 concurrent direct requests for one video -> 1 GetVideoPlayAuth', async () => {
    emulator.setLatency('GetVideoPlayAuth', 50);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => send('direct', `?VideoId=${ID}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(emulator.count('GetVideoPlayAuth')).toBe(1);
    expect(new Set(answers.map((a) => a.body.PlayAuth)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.RequestId))).toEqual(
      new Set([emulator.requests[0]?.requestId]),
    );
    expect(authorize).toHaveBeenCalledTimes(100); // every request is still authorized
  });

  it('100 concurrent requests over node:http for one video -> 1 GetVideoPlayAuth', async () => {
    // A slow upstream keeps the window open while 100 sockets connect.
    emulator.setLatency('GetVideoPlayAuth', 400);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => send('node:http', `?VideoId=${ID}&AuthInfoTimeout=300`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(emulator.count('GetVideoPlayAuth')).toBe(1);
    expect(new Set(answers.map((a) => a.body.PlayAuth)).size).toBe(1);
  });

  it.each(TRANSPORTS)('20 videos x 5 concurrent requests (%s) -> 20 calls', async (transport) => {
    emulator.setLatency('GetVideoPlayAuth', 100);
    const ids = Array.from({ length: 20 }, (_, i) => `coalesce-${transport.length}-${i}`);
    for (const videoId of ids) {
      emulator.setVideo({ videoId, title: `Video ${videoId}`, duration: 5, status: 'Normal' });
    }
    const answers = await Promise.all(
      ids.flatMap((videoId) =>
        Array.from({ length: 5 }, async () => ({
          videoId,
          answer: await send(transport, `?VideoId=${videoId}`),
        })),
      ),
    );
    for (const { videoId, answer } of answers) {
      expect(answer.status).toBe(200);
      expect((answer.body.VideoMeta as { VideoId: string }).VideoId).toBe(videoId);
    }
    expect(emulator.count('GetVideoPlayAuth')).toBe(20);
    expect(new Set(emulator.requests.map((r) => r.videoId))).toEqual(new Set(ids));
    expect(new Set(answers.map((a) => a.answer.body.PlayAuth)).size).toBe(20);
  });

  it('does not share a call between different validities', async () => {
    emulator.setLatency('GetVideoPlayAuth', 50);
    const answers = await Promise.all(
      ['300', '600', '300', '600', '300'].map((t) =>
        send('direct', `?VideoId=${ID}&AuthInfoTimeout=${t}`),
      ),
    );
    expect(answers.map((a) => a.body.AuthInfoTimeout)).toEqual([300, 600, 300, 600, 300]);
    expect(emulator.count('GetVideoPlayAuth')).toBe(2);
  });

  it('shares a failure too, reported once', async () => {
    emulator.setLatency('GetVideoPlayAuth', 50);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send('direct', '?VideoId=no-such-video')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(404));
    expect(emulator.count('GetVideoPlayAuth')).toBe(1);
    expect(reports).toHaveLength(1);
  });

  it('keeps nothing once a call settled with reuseMs: 0', async () => {
    setup({ coalesce: { reuseMs: 0 } });
    const first = await send('direct', `?VideoId=${ID}`);
    const second = await send('direct', `?VideoId=${ID}`);
    expect(emulator.count('GetVideoPlayAuth')).toBe(2);
    expect(second.body.PlayAuth).not.toBe(first.body.PlayAuth);
  });

  it('reuses a settled answer briefly, telling the browser no more validity than is left', async () => {
    setup({ now: () => clock.now() }); // the emulator's clock drives the reuse window too
    const first = await send('direct', `?VideoId=${ID}&AuthInfoTimeout=300`);
    clock.advance(4500);
    const sentAt = clock.now();
    const second = await send('node:http', `?VideoId=${ID}&AuthInfoTimeout=300`);
    expect(emulator.count('GetVideoPlayAuth')).toBe(1);
    expect(second.body.PlayAuth).toBe(first.body.PlayAuth);
    expect(second.body.RequestId).toBe(first.body.RequestId);
    expect(second.body.AuthInfoTimeout).toBe(295);
    // The browser's own parse of the reused answer expires no later than the PlayAuth does.
    const credential = parsePlayAuthResponse(second.body, {
      videoId: ID,
      authInfoTimeout: 300,
      issuedAt: sentAt,
    });
    const expireTime = decodeAuthInfo(decodePlayAuth(credential.playAuth).AuthInfo).ExpireTime;
    expect(credential.expiresAt).toBeLessThanOrEqual(Date.parse(expireTime));
    expect(validityOf(second.body.PlayAuth)).toBeGreaterThanOrEqual(295);
    // After the window (10 s from the first call) VOD is asked again.
    clock.advance(5500);
    const third = await send('direct', `?VideoId=${ID}&AuthInfoTimeout=300`);
    expect(emulator.count('GetVideoPlayAuth')).toBe(2);
    expect(third.body.PlayAuth).not.toBe(first.body.PlayAuth);
    expect(third.body.AuthInfoTimeout).toBe(300);
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it('makes one call per request with coalesce: false', async () => {
    setup({ coalesce: false });
    emulator.setLatency('GetVideoPlayAuth', 50);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send('direct', `?VideoId=${ID}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(emulator.count('GetVideoPlayAuth')).toBe(10);
  });
});

const HOSTILE_VIDEO_IDS = [
  '',
  'a'.repeat(65),
  'a'.repeat(10_000),
  'vidéo',
  '视频',
  '🎬',
  '../x',
  '..%2Fx',
  "' OR 1=1--",
  '<script>alert(1)</script>',
  ' ',
  ' abc',
  'abc ',
  'a b',
  '\t',
  'abc\n',
  'a\u0000b',
];
const HOSTILE_TIMEOUTS = [
  '',
  '-1',
  '-100',
  'NaN',
  '1.5',
  '100.0',
  '1e3',
  '0x64',
  '+100',
  ' 100',
  '100 ',
  'Infinity',
  '１００',
  '99999999999999999999',
  "100' OR 1=1--",
  '<script>',
];

/** Input worth checking for reflection (markup, quotes, paths, non-ASCII): never echoed back. */
const REFLECTABLE = /[<'/]|\P{ASCII}/u;

describe.each(TRANSPORTS)(
  'bad input (%s) -> 400 InvalidParameter, VOD never called',
  (transport) => {
    afterEach(() => {
      expect(emulator.count('GetVideoPlayAuth')).toBe(0);
      expect(authorize).not.toHaveBeenCalled();
    });

    async function expectRefused(query: string, parameter: string) {
      const answer = await send(transport, query);
      expect(answer.status).toBe(400);
      expectSafeHeaders(answer);
      expect(answer.body.Code).toBe('InvalidParameter');
      expect(answer.body.Message).toContain(parameter);
      return answer;
    }

    it.each(HOSTILE_VIDEO_IDS)('VideoId %j', async (videoId) => {
      const answer = await expectRefused(
        `?${new URLSearchParams({ VideoId: videoId })}`,
        'VideoId',
      );
      if (REFLECTABLE.test(videoId)) expect(answer.text).not.toContain(videoId);
    });

    it.each([
      ['no VideoId', ''],
      ['a lower-case name', '?videoid=abc'],
      ['VideoId twice', '?VideoId=abc&VideoId=def'],
      ['a broken escape', '?VideoId=%E0%A4%A'],
    ])('%s', async (_w, query) => {
      await expectRefused(query, 'VideoId');
    });

    it.each(HOSTILE_TIMEOUTS)('AuthInfoTimeout %j', async (timeout) => {
      const answer = await expectRefused(
        `?VideoId=${ID}&AuthInfoTimeout=${encodeURIComponent(timeout)}`,
        'AuthInfoTimeout',
      );
      if (REFLECTABLE.test(timeout)) expect(answer.text).not.toContain(timeout);
    });

    it('AuthInfoTimeout twice', async () => {
      await expectRefused(
        `?VideoId=${ID}&AuthInfoTimeout=100&AuthInfoTimeout=3000`,
        'AuthInfoTimeout',
      );
    });
  },
);

describe.each(TRANSPORTS)('refused before VOD (%s)', (transport) => {
  it('authorize returning false -> 403 Forbidden.NotAuthorized', async () => {
    authorize.mockReturnValue(false);
    const answer = await send(transport, `?VideoId=${ID}`);
    expect(answer.status).toBe(403);
    expect(answer.body.Code).toBe('Forbidden.NotAuthorized');
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(emulator.count('GetVideoPlayAuth')).toBe(0);
  });

  it('POST -> 405 with Allow', async () => {
    const answer = await send(transport, `?VideoId=${ID}`, { method: 'POST', body: 'x' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
    expect(emulator.count('GetVideoPlayAuth')).toBe(0);
  });
});

describe('default onError', () => {
  it('logs one console.error line with code, status and RequestId, nothing else', async () => {
    handler = createPlayAuthHandler({
      client: createVodClient({
        endpoint: emulator.url,
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: WRONG_SECRET,
        fetch: recordingFetch,
        retryDelayMs: () => 5,
      }),
      authorize,
    });
    const answer = await send('node:http', `?VideoId=${ID}`);
    expect(answer.status).toBe(502);
    const requestId = emulator.requests[0]?.requestId;
    expect(vi.mocked(console.error).mock.calls).toEqual([
      [`[playauth] GetVideoPlayAuth SignatureDoesNotMatch -> HTTP 502 RequestId=${requestId}`],
    ]);
  });
});

describe('full round trip', () => {
  it('handler -> credential -> GetPlayInfo signed as the SDK does -> PlayURL -> 206 media', async () => {
    const issuedAt = Date.now();
    const answer = await send('node:http', `?VideoId=${ID}&AuthInfoTimeout=300`);
    expect(answer.status).toBe(200);
    const credential = parsePlayAuthResponse(answer.body, {
      videoId: ID,
      authInfoTimeout: 300,
      issuedAt,
    });
    expect(credential).toMatchObject({
      videoId: ID,
      expiresAt: issuedAt + 300_000,
      videoMeta: { title: 'Test pattern with a 440 Hz tone', duration: 6, status: 'Normal' },
    });

    // The player's part: decode the PlayAuth and sign GetPlayInfo with its STS key (V2).
    const auth = decodePlayAuth(credential.playAuth);
    const params = sdkGetPlayInfoParams(auth, ID, { Rand: randomUUID() });
    const signature = await signRpcV2(params, auth.AccessKeySecret);
    const playInfoUrl = (sig: string) =>
      `${emulator.url}/?${new URLSearchParams({ ...params, Signature: sig })}`;

    // One character of the signature changed: refused (before the nonce is spent).
    const forged = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const refused = await fetch(playInfoUrl(forged));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch');

    const playInfo = await fetch(playInfoUrl(signature), { headers: { origin: 'null' } });
    expect(playInfo.status).toBe(200);
    const info = (await playInfo.json()) as GetPlayInfoBody;
    expect(info.VideoBase).toMatchObject({ VideoId: ID, Status: 'Normal' });
    const playUrl = info.PlayInfoList.PlayInfo[0]?.PlayURL ?? '';
    expect(new URL(playUrl).origin).toBe(emulator.url);

    const sample = await readFile(SAMPLE_MEDIA.testPattern.file);
    const media = await fetch(playUrl, { headers: { range: 'bytes=0-99' } });
    expect(media.status).toBe(206);
    expect(media.headers.get('content-type')).toBe('video/mp4');
    expect(media.headers.get('content-range')).toBe(`bytes 0-99/${sample.length}`);
    const bytes = Buffer.from(await media.arrayBuffer());
    expect(bytes.equals(sample.subarray(0, 100))).toBe(true);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const middle = await fetch(playUrl, { headers: { range: 'bytes=1000-1999' } });
    expect(middle.status).toBe(206);
    expect(Buffer.from(await middle.arrayBuffer()).equals(sample.subarray(1000, 2000))).toBe(true);

    // A media request is logged once its stream has finished, which may trail the last byte.
    await vi.waitFor(() => expect(emulator.count('media')).toBe(2));
    expect(emulator.requests.map((r) => [r.action, r.code])).toEqual([
      ['GetVideoPlayAuth', 'OK'],
      ['GetPlayInfo', 'SignatureDoesNotMatch'],
      ['GetPlayInfo', 'OK'],
      ['media', 'OK'],
      ['media', 'OK'],
    ]);
  });
});

// Last, so it sees what every test above produced.
describe('secret sweep', () => {
  it('no response, header, onError report or console line holds a key, secret, token or signature', () => {
    const secrets = [
      emulator.accessKeyId,
      emulator.accessKeySecret,
      STS_KEY.accessKeyId,
      STS_KEY.accessKeySecret,
      STS_KEY.securityToken,
      WRONG_SECRET,
      UNKNOWN_KEY_ID,
      ...signatures,
    ];
    expect(produced.length).toBeGreaterThan(500);
    expect(signatures.size).toBeGreaterThan(50);
    expect(findLeaks(produced, secrets)).toEqual([]);
  });
});
