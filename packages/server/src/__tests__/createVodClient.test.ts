import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CreateVodClientOptions,
  createVodClient,
  defaultRetryDelayMs,
} from '../createVodClient';
import { signAcs3Parts } from '../signAcs3';
import { classifyVodError, isVodApiError, type VodApiError } from '../VodApiError';
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

function setup(
  reply: (index: number) => UpstreamReply,
  options: Partial<CreateVodClientOptions> = {},
) {
  const upstream = fakeUpstream((_, index) => reply(index));
  upstreams.push(upstream);
  const client = createVodClient({
    ...CREDS,
    endpoint: 'https://vod.test.example',
    fetch: upstream.fetch,
    retryDelayMs: () => 0,
    ...options,
  });
  return { client, calls: upstream.calls };
}

async function failure(promise: Promise<unknown>): Promise<VodApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(isVodApiError(error)).toBe(true);
  sweep.add('error message', `${(error as Error).message} ${JSON.stringify(error)}`);
  return error as VodApiError;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createVodClient: the request', () => {
  it('POSTs GetVideoPlayAuth with the parameters in the sorted, encoded query and an empty body', async () => {
    const { client, calls } = setup(() => ({}));
    const body = await client.getVideoPlayAuth({ videoId: 'abc_DEF-123', authInfoTimeout: 600 });
    expect(body).toEqual(playAuthBody('abc_DEF-123', 1));
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.method).toBe('POST');
    expect(call?.url.href).toBe(
      'https://vod.test.example/?AuthInfoTimeout=600&VideoId=abc_DEF-123',
    );
    expect(call?.headers).toMatchObject({
      'x-acs-action': 'GetVideoPlayAuth',
      'x-acs-version': '2017-03-21',
      'x-acs-security-token': CREDS.securityToken,
      accept: 'application/json',
    });
    // fetch sets Host from the URL; passing one is refused by browsers and some runtimes.
    expect(call?.headers.host).toBeUndefined();
  });

  it('signs what it sends (the signature checks out from the request alone)', async () => {
    const { client, calls } = setup(() => ({}));
    await client.getVideoPlayAuth({ videoId: 'v1' });
    const call = calls[0];
    if (!call) throw new Error('no call');
    const { authorization, ...rest } = call.headers;
    const again = await signAcs3Parts(
      { method: call.method, url: call.url, headers: rest },
      CREDS,
      { date: new Date(call.date), nonce: call.nonce },
    );
    expect(again.headers.authorization).toBe(authorization);
    expect(call.url.search).toBe('?VideoId=v1');
  });

  it('uses https://vod.<region>.aliyuncs.com by default', async () => {
    const upstream = fakeUpstream(() => ({}));
    const client = createVodClient({ ...CREDS, region: 'ap-southeast-1', fetch: upstream.fetch });
    expect(client.endpoint).toBe('https://vod.ap-southeast-1.aliyuncs.com');
    await client.getVideoPlayAuth({ videoId: 'v1' });
    expect(upstream.calls[0]?.url.origin).toBe('https://vod.ap-southeast-1.aliyuncs.com');
    expect(createVodClient(CREDS).region).toBe('cn-shanghai');
  });

  it('asks an async credentials provider before every attempt (rotating STS tokens)', async () => {
    let n = 0;
    const provider = vi.fn(async () => ({ ...CREDS, securityToken: `token-${++n}` }));
    const { client, calls } = setup((i) => (i === 0 ? vodError('ServiceUnavailable', 503) : {}), {
      credentials: provider,
      accessKeyId: undefined,
      accessKeySecret: undefined,
      securityToken: undefined,
    });
    await client.getVideoPlayAuth({ videoId: 'v1' });
    expect(provider).toHaveBeenCalledTimes(2);
    expect(calls.map((c) => c.headers['x-acs-security-token'])).toEqual(['token-1', 'token-2']);
  });

  it('rejects bad parameters before any request', async () => {
    const { client, calls } = setup(() => ({}));
    for (const params of [
      { videoId: '' },
      { videoId: '../x' },
      { videoId: 'a'.repeat(65) },
      { videoId: 'v1', authInfoTimeout: 99 },
      { videoId: 'v1', authInfoTimeout: 3001 },
      { videoId: 'v1', authInfoTimeout: 100.5 },
      { videoId: 'v1', authInfoTimeout: Number.NaN },
    ]) {
      const error = await failure(client.getVideoPlayAuth(params));
      expect(error.code).toBe('InvalidParameter');
      expect(error.message).toMatch(params.videoId === 'v1' ? /AuthInfoTimeout/ : /VideoId/);
    }
    expect(calls).toHaveLength(0);
  });

  it('refuses a setup without credentials, with a bad endpoint or region', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        sweep.add('setup error', (e as Error).message);
        return (e as VodApiError).code;
      }
      return 'no error';
    };
    expect(code(() => createVodClient({}))).toBe('InvalidConfiguration');
    expect(code(() => createVodClient({ accessKeyId: CREDS.accessKeyId }))).toBe(
      'InvalidConfiguration',
    );
    expect(code(() => createVodClient({ ...CREDS, endpoint: 'ftp://x' }))).toBe(
      'InvalidConfiguration',
    );
    expect(code(() => createVodClient({ ...CREDS, endpoint: 'https://x.example/path' }))).toBe(
      'InvalidConfiguration',
    );
    expect(code(() => createVodClient({ ...CREDS, endpoint: 'https://user:pw@x.example' }))).toBe(
      'InvalidConfiguration',
    );
    expect(code(() => createVodClient({ ...CREDS, region: 'evil.example/#' }))).toBe(
      'InvalidConfiguration',
    );
    expect(code(() => createVodClient({ ...CREDS, maxRetries: -1 }))).toBe('InvalidConfiguration');
    expect(code(() => createVodClient({ ...CREDS, timeoutMs: 0 }))).toBe('InvalidConfiguration');
    expect(createVodClient({ ...CREDS, endpoint: 'vod.cn-beijing.aliyuncs.com' }).endpoint).toBe(
      'https://vod.cn-beijing.aliyuncs.com',
    );
    expect(createVodClient({ ...CREDS, endpoint: 'http://127.0.0.1:9000/' }).endpoint).toBe(
      'http://127.0.0.1:9000',
    );
  });
});

describe('createVodClient: retries', () => {
  it('retries retryable errors with a new nonce and a new date each time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-01-01T00:00:00Z'));
    const { client, calls } = setup((i) => {
      vi.setSystemTime(Date.now() + 1500);
      return i === 0
        ? vodError('Throttling.User', 400)
        : i === 1
          ? vodError('ServiceUnAvailable', 503)
          : i === 2
            ? vodError('SignatureNonceUsed', 400)
            : {};
    });
    const body = await client.getVideoPlayAuth({ videoId: 'v1' });
    expect(body.PlayAuth).toBe('PLAYAUTH-v1-4');
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.nonce)).size).toBe(4);
    expect(new Set(calls.map((c) => c.date)).size).toBe(4);
    expect(new Set(calls.map((c) => c.signature)).size).toBe(4);
  });

  it.each([
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
    ['serviceunavailable', 503],
    ['Throttling', 400],
    ['Throttling.Api', 429],
    ['SomethingNew', 502],
  ])('gives up on %s (HTTP %i) after maxRetries, as a retryable error', async (code, status) => {
    const { client, calls } = setup(() => vodError(code, status), { maxRetries: 2 });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({ code, status, retryable: true, requestId: requestIdFor(code) });
  });

  it.each([
    ['InvalidVideo.NotFound', 404, 'notFound'],
    ['Forbidden.IllegalStatus', 403, 'illegalStatus'],
    ['SignatureDoesNotMatch', 400, 'configuration'],
    ['InvalidAccessKeyId.NotFound', 404, 'configuration'],
    ['Forbidden.RAM', 403, 'configuration'],
    ['InvalidTimeStamp.Expired', 400, 'configuration'],
    ['MissingParameter', 400, 'parameter'],
    ['InvalidParameter', 400, 'parameter'],
  ])('does not retry %s', async (code, status, kind) => {
    const { client, calls } = setup(() => vodError(code, status));
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({
      code,
      status,
      retryable: false,
      kind,
      requestId: requestIdFor(code),
    });
    expect(error.message).toContain(code);
    expect(error.message).toContain(requestIdFor(code));
  });

  it('waits retryDelayMs(attempt) between tries', async () => {
    const delays: number[] = [];
    const { client, calls } = setup(() => vodError('InternalError', 500), {
      maxRetries: 3,
      retryDelayMs: (attempt) => {
        delays.push(attempt);
        return 20 * attempt;
      },
    });
    const started = performance.now();
    await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(delays).toEqual([1, 2, 3]);
    expect(calls).toHaveLength(4);
    expect(performance.now() - started).toBeGreaterThanOrEqual(20 + 40 + 60 - 5);
  });

  it('backs off exponentially with jitter by default', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const low = [1, 2, 3, 4, 5, 6].map(defaultRetryDelayMs);
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const high = [1, 2, 3, 4, 5, 6].map(defaultRetryDelayMs);
    expect(low).toEqual([100, 200, 400, 800, 1500, 1500]);
    expect(high.every((h, i) => h > (low[i] as number) && h <= 2 * (low[i] as number))).toBe(true);
  });

  it('honours a Retry-After it can afford, and gives up at once on a long one', async () => {
    const short = setup((i) =>
      i === 0 ? vodError('Throttling.User', 429, 'slow down', { 'retry-after': '0' }) : {},
    );
    await short.client.getVideoPlayAuth({ videoId: 'v1' });
    expect(short.calls).toHaveLength(2);
    const long = setup(() =>
      vodError('Throttling.User', 429, 'slow down', { 'retry-after': '60' }),
    );
    const error = await failure(long.client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(long.calls).toHaveLength(1);
    expect(error.retryAfter).toBe(60);
  });

  it('stops retrying when the caller aborts, with the abort reason', async () => {
    const controller = new AbortController();
    const { client, calls } = setup(() => vodError('InternalError', 500), {
      retryDelayMs: () => 10_000,
    });
    const pending = client.getVideoPlayAuth({ videoId: 'v1' }, { signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(new Error('user left'));
    await expect(pending).rejects.toThrow('user left');
    expect(calls).toHaveLength(1);
  });
});

describe('createVodClient: transport failures', () => {
  it('times out a request that does not answer (aborting it), as a retryable Timeout', async () => {
    // 'hang' settles only when fetch's signal aborts: a Timeout here proves the abort.
    const { client, calls } = setup(() => 'hang', { timeoutMs: 30, maxRetries: 1 });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'Timeout', retryable: true, kind: 'timeout' });
    expect(calls).toHaveLength(2);
  });

  it('turns a fetch rejection into a retryable NetworkError', async () => {
    const { client, calls } = setup(() => 'network', { maxRetries: 2 });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(3);
  });

  it.each([
    ['HTML on 200', { status: 200, text: '<html>hi</html>' }, false, 1],
    ['JSON that is no PlayAuth on 200', { status: 200, body: { hello: 1 } }, false, 1],
    [
      'a redirect (not followed)',
      { status: 302, text: '', headers: { location: 'https://evil.example/' } },
      false,
      1,
    ],
  ])('answers %s with InvalidResponse', async (_, reply, retryable, attempts) => {
    const { client, calls } = setup(() => reply as UpstreamReply, { maxRetries: 2 });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable });
    expect(calls).toHaveLength(attempts);
  });

  it('keeps credentials and the string to sign out of error messages', async () => {
    const echo = `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D${CREDS.accessKeyId}%26SecurityToken%3D${encodeURIComponent(CREDS.securityToken)}`;
    const leaky = `bad key ${CREDS.accessKeyId} token ${CREDS.securityToken}`;
    for (const message of [echo, leaky]) {
      const { client, calls } = setup(() => vodError('SignatureDoesNotMatch', 400, message));
      const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
      sweep.forbidSignaturesOf(calls);
      expect(error.message).not.toContain(CREDS.accessKeyId);
      expect(error.message).not.toContain(CREDS.securityToken);
      expect(error.message).toContain('SignatureDoesNotMatch');
      expect(error.message).toMatch(/vod:GetVideoPlayAuth/);
    }
  });
});

describe('createVodClient: what hangs, what is too big, what upstream echoes', () => {
  it('counts credential resolution in timeoutMs: a provider that never settles is a Timeout', async () => {
    const { client, calls } = setup(() => ({}), {
      credentials: () => new Promise(() => undefined),
      timeoutMs: 40,
      maxRetries: 0,
    });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'Timeout' });
    expect(calls).toHaveLength(0);
  });

  it('times out a fetch that ignores its abort signal', async () => {
    const deaf = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const client = createVodClient({
      ...CREDS,
      endpoint: 'https://vod.test.example',
      fetch: deaf,
      timeoutMs: 40,
      maxRetries: 0,
    });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'Timeout' });
  });

  it('refuses a body over 1 MB without reading it whole', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        if (pulled > 64 * 1024 * 1024) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    const client = createVodClient({
      ...CREDS,
      endpoint: 'https://vod.test.example',
      fetch: (async () => new Response(endless, { status: 200 })) as typeof fetch,
      maxRetries: 0,
    });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'InvalidResponse' });
    expect(error.message).toMatch(/1048576 bytes/);
    expect(pulled).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const { client } = setup(() => ({
      status: 200,
      text: JSON.stringify(playAuthBody('v1')),
      headers: { 'content-length': '5000000' },
    }));
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'InvalidResponse' });
  });

  it('answers a non-JSON 5xx (a load balancer page) with a retryable ServiceUnavailable', async () => {
    const { client, calls } = setup(
      () => ({ status: 502, text: '<html>bad gateway</html>', headers: { 'retry-after': '7' } }),
      { maxRetries: 0 },
    );
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'ServiceUnavailable', kind: 'unavailable', status: 502 });
    expect(error).toMatchObject({ retryable: true, retryAfter: 7 });
    expect(calls).toHaveLength(1);
  });

  it('replaces a RequestId that is not a UUID and a Code that is not a dotted identifier', async () => {
    const echoed = `AccessKeyId=${CREDS.accessKeyId}\r\nx-acs-security-token: ${CREDS.securityToken}`;
    const { client, calls } = setup(() => ({
      status: 400,
      body: { RequestId: echoed, Code: `Bad\r\n${echoed}`, Message: 'nope' },
    }));
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    sweep.forbidSignaturesOf(calls);
    expect(error.requestId).toBeUndefined();
    expect(error.code).toBe('Http400');
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).not.toContain(CREDS.accessKeyId);
  });

  it('keeps a VOD-shaped RequestId and Code', async () => {
    const id = '25818875-5F78-4A13-BEF6-D7393642CA58';
    const { client } = setup(() => ({
      status: 404,
      body: { RequestId: id, Code: 'InvalidVideo.NotFound', Message: 'no' },
    }));
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ requestId: id, code: 'InvalidVideo.NotFound' });
  });

  it('scrubs Signature=<hex>, percent-encoded secrets and every spelling of string-to-sign', async () => {
    const messages = [
      `mismatch Signature=${'ab12'.repeat(16)} for request`,
      `token was ${encodeURIComponent(CREDS.securityToken)} and key ${encodeURIComponent(CREDS.accessKeySecret)}`,
      `bad. StringToSign: POST\n/\nAccessKeyId=${CREDS.accessKeyId}`,
      `bad. string-to-sign=${CREDS.accessKeyId}`,
      `bad. STRING_TO_SIGN ${CREDS.accessKeyId}`,
    ];
    for (const message of messages) {
      const { client, calls } = setup(() => vodError('SignatureDoesNotMatch', 400, message));
      const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
      sweep.forbidSignaturesOf(calls);
      expect(error.message).not.toMatch(/ab12ab12|[\r\n]/);
      expect(error.message).not.toContain(CREDS.accessKeyId);
      expect(error.message).not.toContain(encodeURIComponent(CREDS.securityToken));
      expect(error.message).not.toContain(encodeURIComponent(CREDS.accessKeySecret));
    }
  });
});

describe('createVodClient over a real socket on 127.0.0.1', () => {
  let server: Server;
  let url = '';
  let aborted = 0;
  let mode: 'slow' | 'ok' = 'ok';

  it('aborts a timed-out request on the wire and succeeds when the server answers', async () => {
    server = createServer((req, res) => {
      req.on('close', () => {
        if (!res.writableFinished) aborted++;
      });
      if (mode === 'slow') {
        setTimeout(() => res.writableEnded || res.end('{}'), 2000).unref();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(playAuthBody('v1')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // 1 s: long enough for the first call on a loaded machine, shorter than the slow answer (2 s).
    const client = createVodClient({ ...CREDS, endpoint: url, timeoutMs: 1000, maxRetries: 0 });
    expect((await client.getVideoPlayAuth({ videoId: 'v1' })).PlayAuth).toBe('PLAYAUTH-v1-0');
    mode = 'slow';
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error.code).toBe('Timeout');
    await vi.waitFor(() => expect(aborted).toBe(1), { timeout: 5000 });
  });

  it('reports a refused connection as NetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = createVodClient({
      ...CREDS,
      endpoint: `http://127.0.0.1:${port}`,
      maxRetries: 1,
      retryDelayMs: () => 0,
    });
    const error = await failure(client.getVideoPlayAuth({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'NetworkError', retryable: true });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
});

describe('createVodClient: getVideoInfo (metadata, no credential)', () => {
  const videoInfoBody = (videoId: string) => ({
    RequestId: requestIdFor(`info-${videoId}`),
    Video: {
      VideoId: videoId,
      Title: 'Test video',
      Duration: 12.5,
      CoverURL: 'https://example.com/cover.jpg',
      Status: 'Normal',
      CreationTime: '2026-01-05T08:00:00Z',
      Size: 1234,
    },
  });

  it('POSTs a signed GetVideoInfo with the VideoId in the query and returns the body verbatim', async () => {
    const { client, calls } = setup(() => ({ body: videoInfoBody('abc_DEF-123') }));
    const body = await client.getVideoInfo({ videoId: 'abc_DEF-123' });
    expect(body).toEqual(videoInfoBody('abc_DEF-123'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.url.href).toBe('https://vod.test.example/?VideoId=abc_DEF-123');
    expect(calls[0]?.headers).toMatchObject({
      'x-acs-action': 'GetVideoInfo',
      'x-acs-version': '2017-03-21',
      'x-acs-security-token': CREDS.securityToken,
    });
    const call = calls[0];
    if (!call) throw new Error('no call');
    const { authorization, ...rest } = call.headers;
    const again = await signAcs3Parts(
      { method: call.method, url: call.url, headers: rest },
      CREDS,
      { date: new Date(call.date), nonce: call.nonce },
    );
    expect(again.headers.authorization).toBe(authorization);
  });

  it('retries like getVideoPlayAuth (the same code path): 503, throttling, then success', async () => {
    const replies = [vodError('ServiceUnavailable', 503), vodError('Throttling.User', 400)];
    const { client, calls } = setup((index) => replies[index] ?? { body: videoInfoBody('v1') });
    await expect(client.getVideoInfo({ videoId: 'v1' })).resolves.toEqual(videoInfoBody('v1'));
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.nonce)).size).toBe(3);
  });

  it('maps errors to the same VodApiError classes, naming GetVideoInfo', async () => {
    const notFound = await failure(
      setup(() => vodError('InvalidVideo.NotFound', 404)).client.getVideoInfo({ videoId: 'v1' }),
    );
    expect(notFound).toMatchObject({
      code: 'InvalidVideo.NotFound',
      kind: 'notFound',
      retryable: false,
    });
    expect(notFound.message).toMatch(
      /^GetVideoInfo failed with InvalidVideo\.NotFound \(HTTP 404\)/,
    );
    const forbidden = await failure(
      setup(() => vodError('Forbidden.RAM', 403)).client.getVideoInfo({ videoId: 'v1' }),
    );
    expect(forbidden.message).toMatch(/allows vod:GetVideoInfo/);
  });

  it('refuses a GetVideoPlayAuth-shaped body (no Video) as InvalidResponse, and bad ids before sending', async () => {
    const { client, calls } = setup(() => ({}));
    const error = await failure(client.getVideoInfo({ videoId: 'v1' }));
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(error.message).toContain('not a GetVideoInfo response');
    expect(calls).toHaveLength(1);
    await expect(client.getVideoInfo({ videoId: '../x' })).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
    expect(calls).toHaveLength(1);
  });
});

describe('classifyVodError', () => {
  it.each([
    ['Throttling.User', undefined, 'throttling', true],
    ['anything', 429, 'throttling', true],
    ['ServiceUnAvailable', undefined, 'unavailable', true],
    ['INTERNALERROR', undefined, 'unavailable', true],
    ['Odd', 503, 'unavailable', true],
    ['Timeout', undefined, 'timeout', true],
    ['NetworkError', undefined, 'unavailable', true],
    ['invalidvideo.notfound', 404, 'notFound', false],
    ['Forbidden.IllegalStatus', 403, 'illegalStatus', false],
    ['Forbidden.RAM', 403, 'configuration', false],
    ['InvalidSecurityToken.Expired', 400, 'configuration', false],
    ['IncompleteSignature', 400, 'configuration', false],
    ['InvalidParameter.AuthInfoTimeout', 400, 'parameter', false],
    ['InvalidResponse', 200, 'invalidResponse', false],
    ['InvalidResponse', 502, 'invalidResponse', true],
    ['Unheard.Of', 400, 'other', false],
  ])('%s (HTTP %s) is %s, retryable %s', (code, status, kind, retryable) => {
    expect(classifyVodError(code, status)).toEqual({ kind, retryable });
  });
});

describe('secrets', () => {
  it('no credential or signature appears in any error this file produced', () => {
    for (const upstream of upstreams) sweep.forbidSignaturesOf(upstream.calls);
    expect(sweep.size).toBeGreaterThan(30);
    sweep.assertClean();
  });
});
