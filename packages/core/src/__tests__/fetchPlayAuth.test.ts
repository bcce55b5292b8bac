import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FetchPlayAuthOptions, fetchPlayAuth } from '../fetchPlayAuth';
import { isPlayAuthError, type PlayAuthError } from '../PlayAuthError';

const ENDPOINT = 'http://127.0.0.1/api/play-auth';
const VIDEO_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const REQUEST_ID = '25818875-5F78-4A13-BEF6-D7393642CA58';

const playAuthBody = (videoId = VIDEO_ID, extra: Record<string, unknown> = {}) => ({
  RequestId: REQUEST_ID,
  VideoMeta: {
    VideoId: videoId,
    Title: 'Launch keynote',
    Duration: '135.6',
    CoverURL: 'https://cdn.example.com/cover.jpg',
    Status: 'Normal',
  },
  PlayAuth: 'opaque-play-auth',
  ...extra,
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** Serves `respond` at ENDPOINT and records every request it receives. */
function serve(respond: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  server.use(
    http.all(ENDPOINT, ({ request }) => {
      requests.push(request);
      return respond(request);
    }),
  );
  return requests;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function playAuthError(promise: Promise<unknown>): Promise<PlayAuthError> {
  const error = await rejection(promise);
  if (!isPlayAuthError(error)) throw error;
  return error;
}

/** An injected fetch that never answers and ignores its signal. */
const hangingFetch = () => vi.fn<typeof fetch>(() => new Promise<Response>(() => {}));

describe('fetchPlayAuth: request', () => {
  it('sends GET <endpoint>?VideoId&AuthInfoTimeout with Accept: application/json', async () => {
    const requests = serve(() => HttpResponse.json(playAuthBody()));
    const credential = await fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      authInfoTimeout: 600,
    });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('GET');
    const url = new URL(request?.url ?? '');
    expect(url.origin + url.pathname).toBe(ENDPOINT);
    expect([...url.searchParams]).toEqual([
      ['VideoId', VIDEO_ID],
      ['AuthInfoTimeout', '600'],
    ]);
    expect(request?.headers.get('accept')).toBe('application/json');
    expect(credential.playAuth).toBe('opaque-play-auth');
    expect(credential.requestId).toBe(REQUEST_ID);
    expect(credential.videoMeta).toEqual({
      videoId: VIDEO_ID,
      title: 'Launch keynote',
      duration: 135.6,
      coverUrl: 'https://cdn.example.com/cover.jpg',
      status: 'Normal',
    });
    expect(credential.expiresAt - credential.issuedAt).toBe(600_000);
  });

  it.each([
    [undefined, '100'],
    [5000, '3000'],
    [50, '100'],
    [250.9, '250'],
    [Number.NaN, '100'],
  ])('clamps authInfoTimeout %s to %s seconds in the query', async (requested, sent) => {
    const requests = serve(() => HttpResponse.json(playAuthBody()));
    const credential = await fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      authInfoTimeout: requested,
    });
    expect(new URL(requests[0]?.url ?? '').searchParams.get('AuthInfoTimeout')).toBe(sent);
    expect(credential.expiresAt - credential.issuedAt).toBe(Number(sent) * 1000);
  });

  it('merges into an endpoint that already carries a query, replacing stale parameters', async () => {
    const requests = serve(() => HttpResponse.json(playAuthBody()));
    await fetchPlayAuth({
      endpoint: `${ENDPOINT}?tenant=acme&VideoId=stale&lang=zh-CN`,
      videoId: VIDEO_ID,
    });
    const href = requests[0]?.url ?? '';
    expect(href.split('?')).toHaveLength(2);
    const params = new URL(href).searchParams;
    expect(params.get('tenant')).toBe('acme');
    expect(params.get('lang')).toBe('zh-CN');
    expect(params.getAll('VideoId')).toEqual([VIDEO_ID]);
    expect(params.getAll('AuthInfoTimeout')).toEqual(['100']);
  });

  it('sends extra headers given as an object, keeping Accept', async () => {
    const requests = serve(() => HttpResponse.json(playAuthBody()));
    await fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      headers: { Authorization: 'Bearer t0k3n', 'X-Tenant': 'acme' },
    });
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer t0k3n');
    expect(requests[0]?.headers.get('x-tenant')).toBe('acme');
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
  });

  it('calls an async headers function once per request', async () => {
    const requests = serve(() => HttpResponse.json(playAuthBody()));
    let n = 0;
    const headers = vi.fn(async () => [['authorization', `Bearer ${++n}`]] as [string, string][]);
    await fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID, headers });
    await fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID, headers });
    expect(headers).toHaveBeenCalledTimes(2);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer 1', 'Bearer 2']);
  });

  it('passes credentials and a signal to an injected fetch, calling it unbound', async () => {
    let self: unknown = 'unset';
    const inject = vi.fn(function (this: unknown) {
      self = this;
      return Promise.resolve(Response.json(playAuthBody()));
    });
    const options: FetchPlayAuthOptions = {
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      credentials: 'include',
      fetch: inject as unknown as typeof fetch,
    };
    await fetchPlayAuth(options);
    expect(inject).toHaveBeenCalledTimes(1);
    const [url, init] = inject.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`${ENDPOINT}?VideoId=${VIDEO_ID}&AuthInfoTimeout=100`);
    expect(init.credentials).toBe('include');
    expect(init.method ?? 'GET').toBe('GET');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(self).toBeUndefined();
  });

  it('takes issuedAt just before sending, so expiry errs early', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const slowServer = vi.fn<typeof fetch>(async () => {
      vi.setSystemTime(1_700_000_007_000); // the backend took 7 s
      return Response.json(playAuthBody());
    });
    const credential = await fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      authInfoTimeout: 300,
      fetch: slowServer,
    });
    expect(credential.issuedAt).toBe(1_700_000_000_000);
    expect(credential.expiresAt).toBe(1_700_000_300_000);
  });

  it('uses a smaller AuthInfoTimeout granted by the backend, never a larger one', async () => {
    serve((request) => {
      const requested = Number(new URL(request.url).searchParams.get('AuthInfoTimeout'));
      return HttpResponse.json(
        playAuthBody(VIDEO_ID, { AuthInfoTimeout: requested === 600 ? 200 : 3000 }),
      );
    });
    const smaller = await fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      authInfoTimeout: 600,
    });
    expect(smaller.expiresAt - smaller.issuedAt).toBe(200_000);
    const larger = await fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      authInfoTimeout: 900,
    });
    expect(larger.expiresAt - larger.issuedAt).toBe(900_000);
  });
});

describe('fetchPlayAuth: endpoint resolution', () => {
  it('refuses a relative endpoint outside a browser without origin, pointing at origin', async () => {
    const inject = hangingFetch();
    const error = await playAuthError(
      fetchPlayAuth({ endpoint: '/api/play-auth', videoId: VIDEO_ID, fetch: inject }),
    );
    expect(error.code).toBe('InvalidParameter');
    expect(error.message).toContain('/api/play-auth');
    expect(error.message).toBe('Not a URL: /api/play-auth (origin?)');
    expect(inject).not.toHaveBeenCalled();
  });

  it('resolves a relative endpoint against origin outside a browser (server prefetch)', async () => {
    const inject = vi.fn<typeof fetch>(async () => Response.json(playAuthBody()));
    await fetchPlayAuth({
      endpoint: '/api/play-auth?tenant=acme',
      origin: 'http://127.0.0.1:3000',
      videoId: VIDEO_ID,
      fetch: inject,
    });
    expect(inject.mock.calls[0]?.[0]).toBe(
      `http://127.0.0.1:3000/api/play-auth?tenant=acme&VideoId=${VIDEO_ID}&AuthInfoTimeout=100`,
    );
  });

  it('ignores origin in a browser: the page resolves a relative endpoint', async () => {
    vi.stubGlobal('location', { href: 'https://app.example/watch/42' });
    const inject = vi.fn<typeof fetch>(async () => Response.json(playAuthBody()));
    await fetchPlayAuth({
      endpoint: '/api/play-auth',
      origin: 'http://127.0.0.1:3000',
      videoId: VIDEO_ID,
      fetch: inject,
    });
    expect(inject.mock.calls[0]?.[0]).toMatch(/^https:\/\/app\.example\/api\/play-auth\?/);
  });

  it.each([
    ['/api/play-auth?tenant=acme', 'https://app.example/api/play-auth?tenant=acme&VideoId='],
    ['play-auth', 'https://app.example/watch/play-auth?VideoId='],
    ['https://api.example/pa', 'https://api.example/pa?VideoId='],
  ])('resolves %j against location.href in a browser', async (endpoint, expected) => {
    vi.stubGlobal('location', { href: 'https://app.example/watch/42?t=1' });
    const inject = vi.fn<typeof fetch>(async () => Response.json(playAuthBody()));
    await fetchPlayAuth({ endpoint, videoId: VIDEO_ID, fetch: inject });
    expect(inject.mock.calls[0]?.[0]).toBe(`${expected}${VIDEO_ID}&AuthInfoTimeout=100`);
  });
});

describe('fetchPlayAuth: VideoId validation', () => {
  it.each([
    '',
    'a'.repeat(65),
    'vidéo-1',
    '视频',
    '../x',
    '..%2Fx',
    '<script>',
    'a b',
    'abc\n',
    'a&AuthInfoTimeout=3000',
  ])('refuses %j with InvalidParameter and sends nothing', async (videoId) => {
    const inject = hangingFetch();
    const headers = vi.fn(() => ({}));
    const error = await playAuthError(
      fetchPlayAuth({ endpoint: ENDPOINT, videoId, fetch: inject, headers }),
    );
    expect(error.code).toBe('InvalidParameter');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('VideoId');
    expect(inject).not.toHaveBeenCalled();
    expect(headers).not.toHaveBeenCalled();
  });

  it('refuses a non-string VideoId from untyped callers', async () => {
    const inject = hangingFetch();
    const options = {
      endpoint: ENDPOINT,
      videoId: 42,
      fetch: inject,
    } as unknown as FetchPlayAuthOptions;
    expect((await playAuthError(fetchPlayAuth(options))).code).toBe('InvalidParameter');
    expect(inject).not.toHaveBeenCalled();
  });

  it('accepts a 64-character VideoId', async () => {
    const id = `${'a'.repeat(32)}-${'B'.repeat(29)}_9`;
    expect(id).toHaveLength(64);
    serve(() => HttpResponse.json(playAuthBody(id)));
    expect((await fetchPlayAuth({ endpoint: ENDPOINT, videoId: id })).videoId).toBe(id);
  });
});

describe('fetchPlayAuth: error responses', () => {
  it('maps 403 Forbidden.IllegalStatus with status and requestId, not retryable', async () => {
    serve(() =>
      HttpResponse.json(
        {
          Code: 'Forbidden.IllegalStatus',
          Message: 'Status of the video is illegal.',
          RequestId: 'r-403',
        },
        { status: 403 },
      ),
    );
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'PlayAuthError',
      code: 'Forbidden.IllegalStatus',
      status: 403,
      requestId: 'r-403',
      retryable: false,
    });
    expect(error.message).toContain(VIDEO_ID);
    expect(error.message).toContain('Status of the video is illegal.');
  });

  it('maps 404 InvalidVideo.NotFound with status and requestId, not retryable', async () => {
    serve(() =>
      HttpResponse.json(
        { Code: 'InvalidVideo.NotFound', Message: 'The video does not exist.', RequestId: 'r-404' },
        { status: 404 },
      ),
    );
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({
      code: 'InvalidVideo.NotFound',
      status: 404,
      requestId: 'r-404',
      retryable: false,
    });
    expect(error.message).toContain(VIDEO_ID);
  });

  it.each([
    [429, 'Throttling.User', true],
    [500, 'InternalError', true],
    [503, 'ServiceUnAvailable', true],
    [503, 'ServiceUnavailable', true],
    [502, 'Forbidden.RAM', true],
    [400, 'MissingParameter', false],
    [400, 'InvalidParameter', false],
    [403, 'Forbidden.RAM', false],
    [400, 'Throttling.Api', true],
    [401, 'SignatureDoesNotMatch', false],
  ])('HTTP %s %s -> retryable %s', async (status, Code, retryable) => {
    serve(() => HttpResponse.json({ Code, Message: 'x', RequestId: 'r' }, { status }));
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({ code: Code, status, requestId: 'r', retryable });
  });

  it.each([
    [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html', true],
    [504, 'upstream timed out', 'text/plain', true],
    [500, '', 'text/plain', true],
    [429, '', 'text/plain', true],
    [401, '{"error":"unauthorized"}', 'application/json', false],
    [404, '<!doctype html><title>Not Found</title>', 'text/html', false],
    [500, '{"Code":"","Message":"empty code"}', 'application/json', true],
    [500, '{"Code":42}', 'application/json', true],
    [500, 'null', 'application/json', true],
  ])('HTTP %s without a VOD Code -> Http<status>', async (status, text, type, retryable) => {
    serve(() => new HttpResponse(text, { status, headers: { 'content-type': type } }));
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({ code: `Http${status}`, status, retryable });
    expect(error.requestId).toBeUndefined();
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('refuses a 200 that is not JSON (e.g. an SPA fallback page)', async () => {
    serve(() => HttpResponse.html('<!doctype html><div id="root"></div>'));
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({ code: 'InvalidResponse', status: 200, retryable: false });
    expect(error.message).toContain('body must be a JSON object');
  });

  it('refuses an empty 204', async () => {
    serve(() => new HttpResponse(null, { status: 204 }));
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({ code: 'InvalidResponse', status: 204 });
  });

  it('validates a 200 JSON body, naming the malformed field', async () => {
    serve(() => HttpResponse.json({ ...playAuthBody(), PlayAuth: '' }));
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('PlayAuth must be');
  });

  it('refuses a credential minted for another video', async () => {
    serve(() => HttpResponse.json(playAuthBody('someOtherVideo')));
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({
      code: 'VideoIdMismatch',
      requestId: REQUEST_ID,
      retryable: false,
    });
  });
});

describe('fetchPlayAuth: network, timeout and abort', () => {
  it('maps a network failure to a retryable NetworkError', async () => {
    serve(() => HttpResponse.error());
    const error = await playAuthError(fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID }));
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true });
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.message).toContain(ENDPOINT);
  });

  it('maps a throwing injected fetch to NetworkError', async () => {
    const cause = new TypeError('Failed to fetch');
    const error = await playAuthError(
      fetchPlayAuth({
        endpoint: ENDPOINT,
        videoId: VIDEO_ID,
        fetch: async () => {
          throw cause;
        },
      }),
    );
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true, cause });
  });

  it('times out a silent server with a retryable Timeout (real timers, msw)', async () => {
    serve(async () => {
      await delay('infinite');
      return HttpResponse.json(playAuthBody());
    });
    const error = await playAuthError(
      fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID, timeoutMs: 30 }),
    );
    expect(error).toMatchObject({ code: 'Timeout', retryable: true });
    expect(error.message).toContain('30 ms');
  });

  it('times out after exactly 10 s by default, even if fetch ignores its signal', async () => {
    vi.useFakeTimers();
    const inject = hangingFetch();
    const outcome = vi.fn();
    const promise = fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID, fetch: inject });
    promise.then(outcome, outcome);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(outcome).not.toHaveBeenCalled();
    expect(inject.mock.calls[0]?.[1]?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = outcome.mock.calls[0]?.[0] as PlayAuthError;
    expect(error).toMatchObject({ code: 'Timeout', retryable: true });
    expect(inject.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
  });

  it('times out a body that never finishes', async () => {
    vi.useFakeTimers();
    const inject = vi.fn<typeof fetch>(
      async () => new Response(new ReadableStream({ start() {} }), { status: 200 }),
    );
    const promise = fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      fetch: inject,
      timeoutMs: 500,
    });
    const settled = rejection(promise);
    await vi.advanceTimersByTimeAsync(500);
    expect(await settled).toMatchObject({ code: 'Timeout' });
  });

  it.each([0, Number.POSITIVE_INFINITY])('timeoutMs %s disables the timeout', async (timeoutMs) => {
    vi.useFakeTimers();
    const outcome = vi.fn();
    const controller = new AbortController();
    fetchPlayAuth({
      endpoint: ENDPOINT,
      videoId: VIDEO_ID,
      fetch: hangingFetch(),
      timeoutMs,
      signal: controller.signal,
    }).then(outcome, outcome);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(outcome).not.toHaveBeenCalled();
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toHaveBeenCalledTimes(1);
  });

  it('clears its timer once answered', async () => {
    vi.useFakeTimers();
    const inject = vi.fn<typeof fetch>(async () => Response.json(playAuthBody()));
    await fetchPlayAuth({ endpoint: ENDPOINT, videoId: VIDEO_ID, fetch: inject });
    expect(vi.getTimerCount()).toBe(0);
  });

  describe.each([
    ['with AbortSignal.any', false],
    ['without AbortSignal.any (older runtimes, jsdom)', true],
  ])('caller abort %s', (_, removeAny) => {
    const setup = () => {
      if (removeAny)
        Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true });
    };
    const original = AbortSignal.any;
    afterEach(() => {
      Object.defineProperty(AbortSignal, 'any', {
        value: original,
        configurable: true,
        writable: true,
      });
    });

    it('rejects with the AbortError itself, not a PlayAuthError', async () => {
      setup();
      serve(async () => {
        await delay('infinite');
        return HttpResponse.json(playAuthBody());
      });
      const controller = new AbortController();
      const promise = fetchPlayAuth({
        endpoint: ENDPOINT,
        videoId: VIDEO_ID,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 10);
      const error = await rejection(promise);
      expect(error).toBe(controller.signal.reason);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(isPlayAuthError(error)).toBe(false);
    });

    it('rejects with a custom abort reason unchanged, even if fetch ignores its signal', async () => {
      setup();
      const inject = hangingFetch();
      const controller = new AbortController();
      const reason = new Error('route changed');
      const promise = fetchPlayAuth({
        endpoint: ENDPOINT,
        videoId: VIDEO_ID,
        signal: controller.signal,
        fetch: inject,
      });
      await vi.waitFor(() => expect(inject).toHaveBeenCalled());
      controller.abort(reason);
      expect(await rejection(promise)).toBe(reason);
      expect(inject.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
    });

    it('sends nothing when the signal is already aborted', async () => {
      setup();
      const inject = hangingFetch();
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(
        fetchPlayAuth({
          endpoint: ENDPOINT,
          videoId: VIDEO_ID,
          signal: controller.signal,
          fetch: inject,
        }),
      );
      expect(error).toBe(controller.signal.reason);
      expect(inject).not.toHaveBeenCalled();
    });

    it('detaches from the caller signal when done', async () => {
      setup();
      const controller = new AbortController();
      const add = vi.spyOn(controller.signal, 'addEventListener');
      const remove = vi.spyOn(controller.signal, 'removeEventListener');
      const inject = vi.fn<typeof fetch>(async () => Response.json(playAuthBody()));
      await fetchPlayAuth({
        endpoint: ENDPOINT,
        videoId: VIDEO_ID,
        signal: controller.signal,
        fetch: inject,
      });
      expect(add.mock.calls.length).toBeGreaterThan(0);
      expect(remove.mock.calls.map((c) => c[1])).toEqual(add.mock.calls.map((c) => c[1]));
      // A late abort of a long-lived signal no longer reaches the finished request.
      controller.abort();
      expect(inject.mock.calls[0]?.[1]?.signal?.aborted).toBe(false);
    });

    it('still reports a timeout as Timeout when a caller signal is given', async () => {
      setup();
      const controller = new AbortController();
      const error = await playAuthError(
        fetchPlayAuth({
          endpoint: ENDPOINT,
          videoId: VIDEO_ID,
          signal: controller.signal,
          fetch: hangingFetch(),
          timeoutMs: 20,
        }),
      );
      expect(error.code).toBe('Timeout');
      expect(controller.signal.aborted).toBe(false);
    });
  });
});
