import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CreatePlayAuthHandlerOptions, createPlayAuthHandler } from '../createPlayAuthHandler';
import { type CreateVodClientOptions, createVodClient } from '../createVodClient';
import { importHlsUriTokenKeys } from '../hlsUriTokenKeys';
import { viewerHash } from '../mintHlsUriToken';
import { PlayAuthCoalescer } from '../PlayAuthCoalescer';
import { createMemoryPlayAuthStore, type PlayAuthStore } from '../PlayAuthStore';
import { verifyHlsUriToken } from '../verifyHlsUriToken';
import {
  CREDS,
  fakeUpstream,
  LeakSweep,
  playAuthBody,
  requestIdFor,
  type UpstreamReply,
  vodError,
} from './support';

const sweep = new LeakSweep();
const upstreams: ReturnType<typeof fakeUpstream>[] = [];

interface Setup {
  reply?: (index: number) => UpstreamReply | Promise<UpstreamReply>;
  handler?: Partial<CreatePlayAuthHandlerOptions>;
  client?: Partial<CreateVodClientOptions>;
}

function setup({
  reply = () => ({}),
  handler: handlerOptions = {},
  client: clientOptions = {},
}: Setup = {}) {
  const upstream = fakeUpstream((_, index) => reply(index));
  upstreams.push(upstream);
  const client = createVodClient({
    ...CREDS,
    endpoint: 'https://vod.test.example',
    fetch: upstream.fetch,
    maxRetries: 0,
    timeoutMs: 200,
    ...clientOptions,
  });
  const authorize = vi.fn<CreatePlayAuthHandlerOptions['authorize']>(() => true);
  const onError = vi.fn<NonNullable<CreatePlayAuthHandlerOptions['onError']>>();
  const handler = createPlayAuthHandler({ client, authorize, onError, ...handlerOptions });
  async function call(query: string, init: RequestInit = {}) {
    const response = await handler(new Request(`https://app.example/api/play-auth${query}`, init));
    const text = await sweep.response(`${init.method ?? 'GET'} ${query}`, response);
    return { response, text, body: text ? JSON.parse(text) : undefined };
  }
  return { call, handler, calls: upstream.calls, authorize, onError };
}

const delayed = (ms: number, reply: UpstreamReply) => () =>
  new Promise<UpstreamReply>((resolve) => setTimeout(() => resolve(reply), ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createPlayAuthHandler: setup', () => {
  it('requires authorize, and says how to write an explicit allow-all', () => {
    const client = createVodClient(CREDS);
    expect(() =>
      createPlayAuthHandler({ client } as unknown as CreatePlayAuthHandlerOptions),
    ).toThrow(/authorize: \(\) => true/);
    expect(() =>
      createPlayAuthHandler({ authorize: () => true } as unknown as CreatePlayAuthHandlerOptions),
    ).toThrow(/client/);
  });

  it.each([
    [{ authInfoTimeout: { max: 3001 } }],
    [{ authInfoTimeout: { max: 99 } }],
    [{ authInfoTimeout: { default: 500, max: 400 } }],
    [{ authInfoTimeout: { default: 150.5 } }],
    [{ cors: { origin: '*', credentials: true } }],
  ])('refuses bad options %j', (options) => {
    expect(() =>
      createPlayAuthHandler({ client: createVodClient(CREDS), authorize: () => true, ...options }),
    ).toThrow(/createPlayAuthHandler/);
  });
});

describe('createPlayAuthHandler: success', () => {
  it('answers 200 with the upstream body verbatim plus AuthInfoTimeout, uncacheable', async () => {
    const { call, calls } = setup();
    const { response, text, body } = await call('?VideoId=v1&AuthInfoTimeout=600');
    expect(response.status).toBe(200);
    expect(body).toEqual({ ...playAuthBody('v1', 1), AuthInfoTimeout: 600 });
    expect(
      text.startsWith(`{"RequestId":"${requestIdFor('OK-v1-1')}","VideoMeta":{"VideoId":"v1"`),
    ).toBe(true);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(calls[0]?.url.searchParams.get('AuthInfoTimeout')).toBe('600');
  });

  it.each([
    ['', 100, {}],
    ['&AuthInfoTimeout=50', 100, {}],
    ['&AuthInfoTimeout=0', 100, {}],
    ['&AuthInfoTimeout=100', 100, {}],
    ['&AuthInfoTimeout=2999', 2999, {}],
    ['&AuthInfoTimeout=5000', 3000, {}],
    ['&AuthInfoTimeout=9999999999', 3000, {}],
    ['&AuthInfoTimeout=0600', 600, {}],
    ['', 300, { default: 300 }],
    ['&AuthInfoTimeout=5000', 1200, { max: 1200 }],
  ])('VideoId=v1%s uses a validity of %i s (bounds %j)', async (query, expected, bounds) => {
    const { call, calls } = setup({ handler: { authInfoTimeout: bounds } });
    const { body } = await call(`?VideoId=v1${query}`);
    expect(body.AuthInfoTimeout).toBe(expected);
    expect(calls[0]?.url.searchParams.get('AuthInfoTimeout')).toBe(`${expected}`);
  });

  it('answers HEAD like GET without a body', async () => {
    const { call } = setup();
    const { response, text } = await call('?VideoId=v1', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(text).toBe('');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('createPlayAuthHandler: authorization', () => {
  it.each([
    ['false', () => false],
    ['a resolved false', async () => false],
    ['a truthy non-boolean', () => 'yes' as unknown as boolean],
    ['undefined', () => undefined as unknown as boolean],
  ])('answers 403 Forbidden.NotAuthorized for %s, without calling VOD', async (_, authorize) => {
    const { call, calls } = setup({ handler: { authorize } });
    const { response, body } = await call('?VideoId=v1');
    expect(response.status).toBe(403);
    expect(body.Code).toBe('Forbidden.NotAuthorized');
    expect(body.RequestId).toEqual(expect.any(String));
    expect(calls).toHaveLength(0);
  });

  it('passes the request and the validated VideoId to authorize', async () => {
    const { call, authorize } = setup();
    await call('?VideoId=abc-9', { headers: { cookie: 'session=s1' } });
    expect(authorize).toHaveBeenCalledTimes(1);
    const [request, videoId] = authorize.mock.calls[0] ?? [];
    expect(videoId).toBe('abc-9');
    expect(request?.headers.get('cookie')).toBe('session=s1');
  });

  it('answers 500 when authorize throws, telling only onError', async () => {
    const boom = new Error('session store down');
    const { call, calls, onError } = setup({ handler: { authorize: () => Promise.reject(boom) } });
    const { response, body, text } = await call('?VideoId=v1');
    expect(response.status).toBe(500);
    expect(body.Code).toBe('InternalError');
    expect(text).not.toContain('session store');
    expect(calls).toHaveLength(0);
    expect(onError).toHaveBeenCalledWith(
      boom,
      expect.objectContaining({ status: 500, videoId: 'v1' }),
    );
  });
});

describe('createPlayAuthHandler: methods and input', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s with 405 and Allow',
    async (method) => {
      const { call, calls } = setup();
      const { response, body } = await call('?VideoId=v1', { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(body.Code).toBe('MethodNotAllowed');
      expect(calls).toHaveLength(0);
    },
  );

  const hostileVideoIds = [
    ['missing', ''],
    ['empty', '?VideoId='],
    ['too long', `?VideoId=${'a'.repeat(65)}`],
    ['huge', `?VideoId=${'a'.repeat(100_000)}`],
    ['unicode', `?VideoId=${encodeURIComponent('vidéo视频😀')}`],
    ['path traversal', `?VideoId=${encodeURIComponent('../../etc/passwd')}`],
    ['encoded traversal', '?VideoId=..%252F..%252F'],
    ['SQL', `?VideoId=${encodeURIComponent("1' OR '1'='1")}`],
    ['HTML', `?VideoId=${encodeURIComponent('<script>alert(1)</script>')}`],
    ['space', '?VideoId=a%20b'],
    ['trailing newline', '?VideoId=abc%0A'],
    ['NUL', '?VideoId=abc%00'],
    ['query smuggling', `?VideoId=${encodeURIComponent('a&AuthInfoTimeout=3000')}`],
    ['given twice', '?VideoId=a&VideoId=b'],
    ['wrong case name', '?videoid=abc'],
  ];
  it.each(hostileVideoIds)(
    'answers a %s VideoId with 400 naming VideoId, no upstream call',
    async (_, query) => {
      const { call, calls, authorize } = setup();
      const { response, body, text } = await call(query);
      expect(response.status).toBe(400);
      expect(body).toMatchObject({
        Code: 'InvalidParameter',
        Message: expect.stringContaining('VideoId'),
      });
      expect(text).not.toMatch(/<script>|etc\/passwd|OR '1'/);
      expect(authorize).not.toHaveBeenCalled();
      expect(calls).toHaveLength(0);
    },
  );

  const hostileTimeouts = [
    ['empty', ''],
    ['negative', '-1'],
    ['negative large', '-3000'],
    ['NaN', 'NaN'],
    ['float', '100.5'],
    ['float zero', '600.0'],
    ['exponent', '1e3'],
    ['hex', '0x258'],
    ['Infinity', 'Infinity'],
    ['leading space', '%20600'],
    ['plus sign', '%2B600'],
    ['full-width digits', encodeURIComponent('６００')],
    ['too many digits', '1'.repeat(11)],
    ['SQL', encodeURIComponent('600; DROP TABLE videos')],
    ['HTML', encodeURIComponent('<b>600</b>')],
  ];
  it.each(hostileTimeouts)(
    'answers a %s AuthInfoTimeout with 400 naming it, no upstream call',
    async (_, value) => {
      const { call, calls } = setup();
      const { response, body } = await call(`?VideoId=v1&AuthInfoTimeout=${value}`);
      expect(response.status).toBe(400);
      expect(body).toMatchObject({
        Code: 'InvalidParameter',
        Message: expect.stringContaining('AuthInfoTimeout'),
      });
      expect(calls).toHaveLength(0);
    },
  );

  it('refuses AuthInfoTimeout given twice', async () => {
    const { call, calls } = setup();
    const { response } = await call('?VideoId=v1&AuthInfoTimeout=100&AuthInfoTimeout=3000');
    expect(response.status).toBe(400);
    expect(calls).toHaveLength(0);
  });
});

describe('createPlayAuthHandler: upstream errors', () => {
  it.each([
    ['InvalidVideo.NotFound', 404, 404, 'InvalidVideo.NotFound', null],
    ['Forbidden.IllegalStatus', 403, 403, 'Forbidden.IllegalStatus', null],
    ['Throttling.User', 400, 429, 'Throttling.User', '1'],
    ['ServiceUnavailable', 503, 503, 'ServiceUnavailable', '3'],
    ['ServiceUnAvailable', 503, 503, 'ServiceUnavailable', '3'],
    ['InternalError', 500, 503, 'ServiceUnavailable', '3'],
    ['SignatureDoesNotMatch', 400, 502, 'BadGateway', null],
    ['InvalidAccessKeyId.NotFound', 404, 502, 'BadGateway', null],
    ['Forbidden.RAM', 403, 502, 'BadGateway', null],
    ['InvalidTimeStamp.Expired', 400, 502, 'BadGateway', null],
    ['InvalidSecurityToken.Expired', 400, 502, 'BadGateway', null],
    ['MissingParameter', 400, 502, 'BadGateway', null],
  ])('maps %s (HTTP %i) to %i %s', async (code, upstreamStatus, status, outCode, retryAfter) => {
    const { call, onError } = setup({
      reply: () => vodError(code, upstreamStatus, `secret detail of ${code}`),
    });
    const { response, body, text } = await call('?VideoId=v1');
    expect(response.status).toBe(status);
    expect(body).toEqual({
      Code: outCode,
      Message: expect.any(String),
      RequestId: requestIdFor(code),
    });
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Details of the upstream failure go to onError only.
    expect(text).not.toContain('secret detail');
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, context] = onError.mock.calls[0] ?? [];
    expect(error).toMatchObject({ code, status: upstreamStatus });
    expect(context).toMatchObject({
      status,
      code,
      requestId: requestIdFor(code),
      videoId: 'v1',
      authInfoTimeout: 100,
    });
  });

  it('passes an upstream Retry-After on', async () => {
    const { call } = setup({
      reply: () => vodError('Throttling.User', 429, 'x', { 'retry-after': '22' }),
    });
    const { response } = await call('?VideoId=v1');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('22');
  });

  it('answers 503 after the client retried a retryable failure in vain', async () => {
    const { call, calls } = setup({
      reply: () => vodError('InternalError', 500),
      client: { maxRetries: 2, retryDelayMs: () => 0 },
    });
    const { response } = await call('?VideoId=v1');
    expect(response.status).toBe(503);
    expect(calls).toHaveLength(3);
  });

  it.each([
    ['a timeout', 'hang' as const, 504, 'Timeout'],
    ['a network error', 'network' as const, 503, 'ServiceUnavailable'],
    ['a non-JSON answer', { status: 200, text: '<html>' }, 502, 'BadGateway'],
  ])('maps %s to %i', async (_, reply, status, code) => {
    const { call } = setup({ reply: () => reply, client: { timeoutMs: 30 } });
    const { response, body } = await call('?VideoId=v1');
    expect(response.status).toBe(status);
    expect(body.Code).toBe(code);
  });

  it('logs only the code, status and RequestId by default', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { call } = setup({
      reply: () =>
        vodError('SignatureDoesNotMatch', 400, `server string to sign is: ${CREDS.accessKeyId}`),
      handler: { onError: undefined },
    });
    await call('?VideoId=v1');
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls.flat().map(String).join(' ');
    sweep.add('default log', line);
    expect(line).toBe(
      `[playauth] GetVideoPlayAuth SignatureDoesNotMatch -> HTTP 502 RequestId=${requestIdFor('SignatureDoesNotMatch')}`,
    );
  });

  it('survives an onError that throws', async () => {
    const { call } = setup({
      reply: () => vodError('InvalidVideo.NotFound', 404),
      handler: {
        onError: () => {
          throw new Error('logger down');
        },
      },
    });
    expect((await call('?VideoId=v1')).response.status).toBe(404);
  });
});

describe('createPlayAuthHandler: coalescing', () => {
  it('serves 100 concurrent requests for one video with one upstream call', async () => {
    const { call, calls, authorize } = setup({ reply: delayed(30, {}) });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => call('?VideoId=v1&AuthInfoTimeout=600')),
    );
    expect(calls).toHaveLength(1);
    expect(authorize).toHaveBeenCalledTimes(100);
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.PlayAuth))).toEqual(new Set(['PLAYAUTH-v1-1']));
  });

  it('does not merge different validities or videos', async () => {
    const { call, calls } = setup({ reply: delayed(30, {}) });
    await Promise.all([
      ...Array.from({ length: 20 }, () => call('?VideoId=v1&AuthInfoTimeout=300')),
      ...Array.from({ length: 20 }, () => call('?VideoId=v1&AuthInfoTimeout=600')),
      ...Array.from({ length: 20 }, () => call('?VideoId=v2&AuthInfoTimeout=600')),
      // 5000 and 3000 clamp to the same validity: one call serves both.
      call('?VideoId=v3&AuthInfoTimeout=5000'),
      call('?VideoId=v3&AuthInfoTimeout=3000'),
    ]);
    const keys = calls.map(
      (c) => `${c.url.searchParams.get('VideoId')}/${c.url.searchParams.get('AuthInfoTimeout')}`,
    );
    expect(keys.sort()).toEqual(['v1/300', 'v1/600', 'v2/600', 'v3/3000']);
  });

  it('does not keep a failure for later requests', async () => {
    const { call, calls, onError } = setup({
      reply: (i) => (i === 0 ? delayed(30, vodError('ServiceUnavailable', 503))() : {}),
    });
    const failed = await Promise.all(Array.from({ length: 10 }, () => call('?VideoId=v1')));
    expect(failed.map((r) => r.response.status)).toEqual(Array(10).fill(503));
    expect(calls).toHaveLength(1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((await call('?VideoId=v1')).body.PlayAuth).toBe('PLAYAUTH-v1-2');
    expect(calls).toHaveLength(2);
  });

  it('makes one call per request with coalesce: false', async () => {
    const { call, calls } = setup({ reply: delayed(10, {}), handler: { coalesce: false } });
    await Promise.all(Array.from({ length: 20 }, () => call('?VideoId=v1')));
    expect(calls).toHaveLength(20);
  });
});

describe('createPlayAuthHandler: reuse window', () => {
  /** A manual clock for the handler: `clock.t` is epoch ms. */
  function manualClock() {
    const clock = { t: Date.UTC(2026, 0, 1), now: () => clock.t };
    return clock;
  }

  it('serves sequential requests within the window from one call, with the validity left', async () => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now } });
    const first = await call('?VideoId=v1&AuthInfoTimeout=600');
    const seen = [first.body.AuthInfoTimeout];
    for (const step of [1500, 2000, 6499]) {
      clock.t += step;
      const { response, body } = await call('?VideoId=v1&AuthInfoTimeout=600');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(body).toEqual({ ...first.body, AuthInfoTimeout: body.AuthInfoTimeout });
      seen.push(body.AuthInfoTimeout);
    }
    expect(calls).toHaveLength(1);
    // floor((issuedAt + 600 s - now) / 1000) at +0, +1.5, +3.5 and +9.999 s.
    expect(seen).toEqual([600, 598, 596, 590]);
  });

  it('makes a new call once the window (default 10 s) has passed', async () => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now } });
    await call('?VideoId=v1&AuthInfoTimeout=600');
    clock.t += 10_000;
    const after = await call('?VideoId=v1&AuthInfoTimeout=600');
    expect(calls).toHaveLength(2);
    expect(after.body).toMatchObject({ PlayAuth: 'PLAYAUTH-v1-2', AuthInfoTimeout: 600 });
    // The new answer opens a new window.
    clock.t += 4000;
    expect((await call('?VideoId=v1&AuthInfoTimeout=600')).body).toMatchObject({
      PlayAuth: 'PLAYAUTH-v1-2',
      AuthInfoTimeout: 596,
    });
    expect(calls).toHaveLength(2);
  });

  it.each([
    // validity, reuseMs, last reusable age (ms), seconds reported then
    [100, 60_000, 10_000, 90],
    [1000, 600_000, 100_000, 900],
    [3000, 3_600_000, 300_000, 2700],
  ])(
    'never reuses below 90%% of the validity (%i s, reuseMs %i)',
    async (validity, reuseMs, lastAge, reported) => {
      const clock = manualClock();
      const { call, calls } = setup({ handler: { now: clock.now, coalesce: { reuseMs } } });
      const query = `?VideoId=v1&AuthInfoTimeout=${validity}`;
      await call(query);
      clock.t += lastAge;
      expect((await call(query)).body.AuthInfoTimeout).toBe(reported);
      expect(calls).toHaveLength(1);
      clock.t += 1;
      const fresh = await call(query);
      expect(fresh.body).toMatchObject({ PlayAuth: 'PLAYAUTH-v1-2', AuthInfoTimeout: validity });
      expect(calls).toHaveLength(2);
    },
  );

  it('honours a reuseMs shorter than the default', async () => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now, coalesce: { reuseMs: 2000 } } });
    await call('?VideoId=v1&AuthInfoTimeout=600');
    clock.t += 1999;
    await call('?VideoId=v1&AuthInfoTimeout=600');
    expect(calls).toHaveLength(1);
    clock.t += 1;
    await call('?VideoId=v1&AuthInfoTimeout=600');
    expect(calls).toHaveLength(2);
  });

  it('does not share an answer between validities or videos', async () => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now } });
    for (const query of [
      'v1&AuthInfoTimeout=300',
      'v1&AuthInfoTimeout=600',
      'v2&AuthInfoTimeout=300',
    ]) {
      await call(`?VideoId=${query}`);
      clock.t += 100;
    }
    expect(calls).toHaveLength(3);
    const again = await Promise.all([
      call('?VideoId=v1&AuthInfoTimeout=300'),
      call('?VideoId=v1&AuthInfoTimeout=600'),
      call('?VideoId=v2&AuthInfoTimeout=300'),
    ]);
    expect(calls).toHaveLength(3);
    expect(again.map((r) => r.body.PlayAuth)).toEqual([
      'PLAYAUTH-v1-1',
      'PLAYAUTH-v1-2',
      'PLAYAUTH-v2-3',
    ]);
    expect(again.map((r) => r.body.AuthInfoTimeout)).toEqual([299, 599, 299]);
  });

  it.each([
    ['ServiceUnavailable', 503],
    ['InvalidVideo.NotFound', 404],
    ['Forbidden.IllegalStatus', 403],
  ])('never reuses a failure (%s)', async (code, status) => {
    const clock = manualClock();
    const { call, calls, onError } = setup({
      reply: (i) => (i === 0 ? vodError(code, status) : {}),
      handler: { now: clock.now },
    });
    expect((await call('?VideoId=v1')).response.status).toBe(status);
    clock.t += 1000;
    const next = await call('?VideoId=v1');
    expect(next.response.status).toBe(200);
    expect(next.body.AuthInfoTimeout).toBe(100);
    expect(calls).toHaveLength(2);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['reuseMs: 0', { coalesce: { reuseMs: 0 } }],
    ['coalesce: false', { coalesce: false }],
  ])('is off with %s', async (_, options) => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now, ...options } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call('?VideoId=v1&AuthInfoTimeout=600'));
    expect(calls).toHaveLength(3);
    expect(answers.map((r) => r.body.AuthInfoTimeout)).toEqual([600, 600, 600]);
    expect(new Set(answers.map((r) => r.body.PlayAuth)).size).toBe(3);
  });

  it('still shares calls in flight with reuseMs: 0', async () => {
    const { call, calls } = setup({
      reply: delayed(30, {}),
      handler: { coalesce: { reuseMs: 0 } },
    });
    await Promise.all(Array.from({ length: 10 }, () => call('?VideoId=v1')));
    expect(calls).toHaveLength(1);
    await call('?VideoId=v1');
    expect(calls).toHaveLength(2);
  });

  it('runs authorize for every request, and a refused one gets nothing', async () => {
    const clock = manualClock();
    const authorize = vi.fn((request: Request) => request.headers.get('cookie') !== 'user=eve');
    const { call, calls } = setup({ handler: { now: clock.now, authorize } });
    const results = [];
    for (const cookie of ['user=ann', 'user=bob', 'user=eve', 'user=cy']) {
      clock.t += 500;
      results.push(await call('?VideoId=v1', { headers: { cookie } }));
    }
    expect(authorize).toHaveBeenCalledTimes(4);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 403, 200]);
    expect(results[2]?.text).not.toContain('PLAYAUTH');
    expect(calls).toHaveLength(1);
  });

  it('drops the oldest answer beyond maxEntries', async () => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now, coalesce: { maxEntries: 2 } } });
    for (const id of ['v1', 'v2', 'v3']) await call(`?VideoId=${id}`);
    expect(calls).toHaveLength(3);
    await call('?VideoId=v3'); // kept
    await call('?VideoId=v2'); // kept
    expect(calls).toHaveLength(3);
    await call('?VideoId=v1'); // dropped when v3 came in
    expect(calls).toHaveLength(4);
  });

  it('does not keep an answer that arrived after its window', async () => {
    const clock = manualClock();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { call, calls } = setup({
      reply: async (i) => {
        if (i === 0) await slow;
        return {};
      },
      handler: { now: clock.now },
      client: { timeoutMs: 5000 },
    });
    const pending = call('?VideoId=v1');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    clock.t += 10_000;
    release();
    // The request that started the call still gets it, with the validity counted from its request.
    expect((await pending).body).toMatchObject({ PlayAuth: 'PLAYAUTH-v1-1', AuthInfoTimeout: 100 });
    expect((await call('?VideoId=v1')).body.PlayAuth).toBe('PLAYAUTH-v1-2');
  });

  it('does not reuse when the clock went backwards', async () => {
    const clock = manualClock();
    const { call, calls } = setup({ handler: { now: clock.now } });
    await call('?VideoId=v1');
    clock.t -= 1;
    await call('?VideoId=v1');
    expect(calls).toHaveLength(2);
  });

  it.each([
    [{ coalesce: { reuseMs: -1 } }],
    [{ coalesce: { reuseMs: Number.NaN } }],
    [{ coalesce: { reuseMs: Number.POSITIVE_INFINITY } }],
    [{ coalesce: { maxEntries: 0 } }],
    [{ coalesce: { maxEntries: 1.5 } }],
    [{ coalesce: 'yes' as unknown as boolean }],
    [{ now: 5 as unknown as () => number }],
  ])('refuses bad reuse options %j', (options) => {
    expect(() =>
      createPlayAuthHandler({ client: createVodClient(CREDS), authorize: () => true, ...options }),
    ).toThrow(/createPlayAuthHandler: (coalesce|now)/);
  });
});

describe('PlayAuthCoalescer memory', () => {
  const body = (videoId: string) => playAuthBody(videoId);

  it('holds at most 1000 answers by default, dropping the oldest', async () => {
    let t = 0;
    const coalescer = new PlayAuthCoalescer({}, () => t);
    let made = 0;
    const make = (id: string) => () => {
      made++;
      return Promise.resolve(body(id));
    };
    for (let i = 0; i < 1500; i++) await coalescer.get(`v${i}`, 100, make(`v${i}`));
    expect(coalescer.size).toBe(1000);
    t += 1000;
    await coalescer.get('v1499', 100, make('v1499'));
    await coalescer.get('v500', 100, make('v500'));
    expect(made).toBe(1500);
    await coalescer.get('v499', 100, make('v499'));
    expect(made).toBe(1501);
  });

  it('sweeps expired answers when a new one is stored', async () => {
    let t = 0;
    const coalescer = new PlayAuthCoalescer({}, () => t);
    for (let i = 0; i < 50; i++) await coalescer.get(`v${i}`, 100, async () => body(`v${i}`));
    expect(coalescer.size).toBe(50);
    t += 10_000;
    await coalescer.get('fresh', 100, async () => body('fresh'));
    expect(coalescer.size).toBe(1);
  });

  it('drops an expired answer when it is looked up', async () => {
    let t = 0;
    const coalescer = new PlayAuthCoalescer({}, () => t);
    await coalescer.get('v1', 100, async () => body('v1'));
    t += 10_000;
    await expect(coalescer.get('v1', 100, () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(coalescer.size).toBe(0);
  });
});

describe('createPlayAuthHandler: CORS', () => {
  const cors = { origin: ['https://app.example', 'https://admin.example'] };

  it('echoes an allowed origin and exposes Retry-After', async () => {
    const { call } = setup({ handler: { cors } });
    const { response } = await call('?VideoId=v1', {
      headers: { origin: 'https://admin.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives no CORS grant to another origin (the browser then blocks the answer)', async () => {
    const { call } = setup({ handler: { cors } });
    const { response } = await call('?VideoId=v1', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('answers an allowed preflight with 204, methods, asked headers and max-age', async () => {
    const { call, calls } = setup({
      handler: { cors: { ...cors, credentials: true, maxAge: 60 } },
    });
    const { response, text } = await call('?VideoId=v1', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-csrf-token',
      },
    });
    expect(response.status).toBe(204);
    expect(text).toBe('');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD',
      'access-control-allow-headers': 'authorization, x-csrf-token',
      'access-control-max-age': '60',
    });
    expect(calls).toHaveLength(0);
  });

  it('grants nothing to a preflight from another origin, or with malformed headers', async () => {
    const { call } = setup({ handler: { cors } });
    const other = await call('', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.response.status).toBe(204);
    expect(other.response.headers.get('access-control-allow-origin')).toBeNull();
    const bad = await call('', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-headers': 'a b, "c"' },
    });
    expect(bad.response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it("supports '*', a single origin and a predicate", async () => {
    const any = setup({ handler: { cors: { origin: '*' } } });
    const a = await any.call('?VideoId=v1', { headers: { origin: 'https://x.example' } });
    expect(a.response.headers.get('access-control-allow-origin')).toBe('*');
    const one = setup({ handler: { cors: { origin: 'https://x.example' } } });
    const b = await one.call('?VideoId=v1', { headers: { origin: 'https://x.example' } });
    expect(b.response.headers.get('access-control-allow-origin')).toBe('https://x.example');
    const fn = setup({ handler: { cors: { origin: (o) => o.endsWith('.trusted.example') } } });
    const c = await fn.call('?VideoId=v1', { headers: { origin: 'https://a.trusted.example' } });
    const d = await fn.call('?VideoId=v1', { headers: { origin: 'https://trusted.example.evil' } });
    expect(c.response.headers.get('access-control-allow-origin')).toBe('https://a.trusted.example');
    expect(d.response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists OPTIONS in Allow when CORS is on, and grants CORS on error answers too', async () => {
    const { call } = setup({
      handler: { cors },
      reply: () => vodError('InvalidVideo.NotFound', 404),
    });
    const post = await call('?VideoId=v1', {
      method: 'POST',
      headers: { origin: 'https://app.example' },
    });
    expect(post.response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const missing = await call('?VideoId=v1', { headers: { origin: 'https://app.example' } });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });
});

describe('createPlayAuthHandler: store', () => {
  it('shares calls through a given store', async () => {
    const { call, calls } = setup({
      reply: delayed(30, {}),
      handler: { store: createMemoryPlayAuthStore({ reuseMs: 0 }) },
    });
    await Promise.all([call('?VideoId=v1'), call('?VideoId=v1')]);
    expect(calls).toHaveLength(1);
    await call('?VideoId=v1');
    expect(calls).toHaveLength(2);
  });

  it.each([
    [{ coalesce: false }],
    [{ coalesce: { reuseMs: 5 } }],
    [{ store: {} as PlayAuthStore }],
  ])('refuses a store with %j', (options) => {
    expect(() =>
      createPlayAuthHandler({
        client: createVodClient(CREDS),
        authorize: () => true,
        store: createMemoryPlayAuthStore(),
        ...options,
      }),
    ).toThrow(/createPlayAuthHandler: store/);
  });

  it('refuses a bad deadline', () => {
    expect(() =>
      createPlayAuthHandler({
        client: createVodClient(CREDS),
        authorize: () => true,
        deadlineMs: 0,
      }),
    ).toThrow(/deadlineMs/);
  });
});

describe('createPlayAuthHandler: deadlines and hygiene', () => {
  const never = <T>() => new Promise<T>(() => undefined);

  it('answers 504 by the deadline when the credentials provider never settles, and does not share the wedged call', async () => {
    let n = 0;
    const { call, calls } = setup({
      client: {
        timeoutMs: 10_000,
        credentials: () => (n++ === 0 ? never() : CREDS),
      },
      handler: { deadlineMs: 500 },
    });
    const first = await call('?VideoId=v1');
    expect(first.response.status).toBe(504);
    expect(first.body.Code).toBe('Timeout');
    const second = await call('?VideoId=v1');
    expect(second.response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('answers 504 by the deadline when authorize never settles', async () => {
    const { call, calls } = setup({ handler: { deadlineMs: 50, authorize: never } });
    const { response, body } = await call('?VideoId=v1');
    expect(response.status).toBe(504);
    expect(body.Code).toBe('Timeout');
    expect(calls).toHaveLength(0);
  });

  it('answers 504 when a fetch ignores its abort signal, and later requests make a fresh call', async () => {
    let n = 0;
    const deaf = (async (input: RequestInfo | URL, init?: RequestInit) =>
      n++ === 0 ? never<Response>() : upstreamOk(input, init)) as typeof fetch;
    const upstreamOk = fakeUpstream(() => ({})).fetch;
    const { call } = setup({
      client: { fetch: deaf, timeoutMs: 10_000 },
      handler: { deadlineMs: 500 },
    });
    expect((await call('?VideoId=v1')).response.status).toBe(504);
    expect((await call('?VideoId=v1')).response.status).toBe(200);
    expect(n).toBe(2);
  });

  it('defaults the deadline to the client budget plus a few seconds', () => {
    const client = createVodClient({ ...CREDS, timeoutMs: 1000, maxRetries: 1 });
    expect(client.budgetMs).toBe(1000 * 2 + 3000);
  });

  it('aborts the VOD call when every request waiting for it has gone', async () => {
    const { handler, calls } = setup({ reply: () => 'hang', client: { timeoutMs: 10_000 } });
    const a = new AbortController();
    const b = new AbortController();
    const url = 'https://app.example/api/play-auth?VideoId=v1';
    const first = handler(new Request(url, { signal: a.signal }));
    const second = handler(new Request(url, { signal: b.signal }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    a.abort();
    await new Promise((r) => setTimeout(r, 20));
    // One waiter left: the call goes on.
    expect(fetchSignal(calls[0]).aborted).toBe(false);
    b.abort();
    await vi.waitFor(() => expect(fetchSignal(calls[0]).aborted).toBe(true));
    await Promise.all([first, second]);
  });

  it('HEAD checks the request but never calls VOD', async () => {
    const { call, calls, authorize } = setup();
    const ok = await call('?VideoId=v1', { method: 'HEAD' });
    expect(ok.response.status).toBe(200);
    expect(ok.text).toBe('');
    expect((await call('?VideoId=bad!', { method: 'HEAD' })).response.status).toBe(400);
    expect(calls).toHaveLength(0);
    expect(authorize).not.toHaveBeenCalled();
  });

  it('caps an upstream Retry-After', async () => {
    const { call } = setup({
      reply: () => vodError('Throttling.User', 429, 'x', { 'retry-after': '86400' }),
    });
    const { response } = await call('?VideoId=v1');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
  });

  it('answers a non-JSON upstream 5xx with 503 ServiceUnavailable and Retry-After', async () => {
    const { call } = setup({ reply: () => ({ status: 502, text: '<html>Bad Gateway</html>' }) });
    const { response, body } = await call('?VideoId=v1');
    expect(response.status).toBe(503);
    expect(body.Code).toBe('ServiceUnavailable');
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('keeps echoed credentials and CR/LF out of answers and the default log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const echo = `${CREDS.accessKeyId}\r\n[playauth] forged`;
    const { call, calls } = setup({
      reply: () => ({
        status: 400,
        body: { RequestId: echo, Code: `Forbidden.IllegalStatus\n${echo}`, Message: echo },
      }),
      handler: { onError: undefined },
    });
    const { text, body } = await call('?VideoId=v1');
    sweep.forbidSignaturesOf(calls);
    const line = log.mock.calls.flat().map(String).join(' ');
    sweep.add('default log', line);
    expect(text).not.toContain(CREDS.accessKeyId);
    expect(body.RequestId).toMatch(/^[0-9a-f-]{36}$/i);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).not.toContain(CREDS.accessKeyId);
  });

  it('replaces a success RequestId that is not VOD-shaped and passes only the PlayAuth fields', async () => {
    const { call } = setup({
      reply: () => ({
        body: { ...playAuthBody('v1'), RequestId: CREDS.securityToken, Echo: CREDS.accessKeyId },
      }),
    });
    const { body, text } = await call('?VideoId=v1');
    expect(text).not.toContain(CREDS.securityToken);
    expect(text).not.toContain(CREDS.accessKeyId);
    expect(body.RequestId).toMatch(/^[0-9a-f-]{36}$/i);
    expect(body.PlayAuth).toBe('PLAYAUTH-v1-0');
  });
});

function fetchSignal(call: { signal?: AbortSignal } | undefined): AbortSignal {
  if (!call?.signal) throw new Error('the upstream call has no signal');
  return call.signal;
}

describe('secrets', () => {
  it('no AccessKey, secret, token or signature appears in any response or log of this file', () => {
    for (const upstream of upstreams) sweep.forbidSignaturesOf(upstream.calls);
    expect(sweep.size).toBeGreaterThan(150);
    sweep.assertClean();
  });
});

describe('createPlayAuthHandler: hlsEncryption (MtsHlsUriToken)', () => {
  const SECRET = 'unit-test-hls-secret-0123456789abcdef';
  const keysOf = (secret = SECRET) => importHlsUriTokenKeys([secret]);

  it('adds no token without the option', async () => {
    const { call } = setup();
    expect((await call('?VideoId=v1')).body).not.toHaveProperty('MtsHlsUriToken');
  });

  it('mints a token per request, for the video and viewer, valid as long as the AuthInfoTimeout answered', async () => {
    const clock = { t: Date.UTC(2026, 0, 1), now: () => clock.t };
    const viewer = vi.fn(() => 'user-42');
    const { call, calls } = setup({
      handler: { now: clock.now, hlsEncryption: { secret: SECRET, viewer } },
    });
    const first = await call('?VideoId=v1&AuthInfoTimeout=600');
    clock.t += 4000; // reused answer: 596 s left
    const second = await call('?VideoId=v1&AuthInfoTimeout=600');
    expect(calls).toHaveLength(1);
    expect(second.body.MtsHlsUriToken).not.toBe(first.body.MtsHlsUriToken);
    expect(viewer).toHaveBeenCalledWith(expect.any(Request), 'v1');
    const keys = await keysOf();
    for (const [answer, left] of [
      [first, 600],
      [second, 596],
    ] as const) {
      const checked = await verifyHlsUriToken(keys, answer.body.MtsHlsUriToken, clock.t);
      if ('refused' in checked) throw new Error(checked.refused);
      expect(checked.claims.videoId).toBe('v1');
      expect(checked.claims.viewerHash).toBe(await viewerHash(keys, 'user-42'));
      expect(answer.body.AuthInfoTimeout).toBe(left);
    }
    // Expires exactly when the reported validity ends (second answer: minted at +4 s, 596 s).
    const atEnd = await verifyHlsUriToken(keys, second.body.MtsHlsUriToken, clock.t + 596_000);
    expect(atEnd).toEqual({ refused: 'expired' });
    expect(JSON.stringify(first.body)).not.toContain('user-42');
  });

  it('maxTtlSeconds caps the token below the PlayAuth', async () => {
    const clock = { t: Date.UTC(2026, 0, 1), now: () => clock.t };
    const { call } = setup({
      handler: { now: clock.now, hlsEncryption: { secret: SECRET, maxTtlSeconds: 60 } },
    });
    const { body } = await call('?VideoId=v1&AuthInfoTimeout=600');
    const keys = await keysOf();
    expect('claims' in (await verifyHlsUriToken(keys, body.MtsHlsUriToken, clock.t + 59_000))).toBe(
      true,
    );
    expect(await verifyHlsUriToken(keys, body.MtsHlsUriToken, clock.t + 60_000)).toEqual({
      refused: 'expired',
    });
  });

  it('no token for refused requests (authorize), and none for HEAD', async () => {
    const { call, authorize } = setup({ handler: { hlsEncryption: { secret: SECRET } } });
    authorize.mockReturnValue(false);
    expect((await call('?VideoId=v1')).body).not.toHaveProperty('MtsHlsUriToken');
    expect((await call('?VideoId=v1', { method: 'HEAD' })).text).toBe('');
  });

  it.each([
    [{ secret: 'short' }],
    [{ secret: [] as string[] }],
    [{ secret: SECRET, maxTtlSeconds: 0 }],
    [{ secret: SECRET, maxTtlSeconds: 1.5 }],
    [{ secret: SECRET, viewer: 'alice' as unknown as () => string }],
  ])('refuses bad hlsEncryption options at setup: %j', (hlsEncryption) => {
    expect(() =>
      createPlayAuthHandler({
        client: createVodClient(CREDS),
        authorize: () => true,
        hlsEncryption,
      }),
    ).toThrow(/createPlayAuthHandler: hlsEncryption/);
  });
});
