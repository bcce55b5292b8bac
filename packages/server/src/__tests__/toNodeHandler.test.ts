import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, {
  type Request as ExpressRequest,
  type Response as ExpressResponse,
  type NextFunction,
} from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientAddress } from '../clientAddress';
import { createPlayAuthHandler } from '../createPlayAuthHandler';
import { createVodClient } from '../createVodClient';
import { toNodeHandler } from '../toNodeHandler';
import { CREDS, fakeUpstream, LeakSweep, vodError } from './support';

const sweep = new LeakSweep();
const upstream = fakeUpstream((call) =>
  call.url.searchParams.get('VideoId') === 'missing' ? vodError('InvalidVideo.NotFound', 404) : {},
);
const playAuth = createPlayAuthHandler({
  client: createVodClient({
    ...CREDS,
    endpoint: 'https://vod.test.example',
    fetch: upstream.fetch,
  }),
  authorize: (request) => request.headers.get('cookie') !== 'banned=1',
  onError: () => undefined,
  // Adapter tests: every request reaches the fake VOD (no reuse window), so each answer is fresh.
  coalesce: { reuseMs: 0 },
});

// Echoes what the adapter built, to check the Web Request it hands over.
async function echo(request: Request): Promise<Response> {
  if (request.url.includes('throw')) throw new Error('handler bug');
  const headers = new Headers({ 'content-type': 'application/json' });
  headers.append('set-cookie', 'a=1; Path=/');
  headers.append('set-cookie', 'b=2; Path=/');
  return new Response(
    JSON.stringify({
      url: request.url,
      method: request.method,
      body: request.body ? await request.text() : null,
      custom: request.headers.get('x-custom'),
    }),
    { status: 201, headers },
  );
}

const servers: Server[] = [];
async function listen(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A GET with a raw Host header (fetch would not send a malformed one). */
function rawGet(base: string, path: string, host: string) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { host } }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: `${res.headers['content-type']}`, text }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function get(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  const text = await sweep.response(`${init?.method ?? 'GET'} ${url}`, response);
  return { response, text, body: text ? JSON.parse(text) : undefined };
}

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('toNodeHandler with node:http', () => {
  let base = '';
  let echoBase = '';
  beforeAll(async () => {
    base = await listen(toNodeHandler(playAuth));
    echoBase = await listen(toNodeHandler(echo));
  });

  it('serves the PlayAuth endpoint: status, headers and body', async () => {
    const { response, body } = await get(`${base}/api/play-auth?VideoId=v1&AuthInfoTimeout=300`);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      PlayAuth: expect.stringContaining('PLAYAUTH-v1'),
      AuthInfoTimeout: 300,
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('passes error statuses, methods and cookies through', async () => {
    expect((await get(`${base}/?VideoId=missing`)).response.status).toBe(404);
    expect((await get(`${base}/?VideoId=${encodeURIComponent('../x')}`)).response.status).toBe(400);
    expect(
      (await get(`${base}/?VideoId=v1`, { headers: { cookie: 'banned=1' } })).response.status,
    ).toBe(403);
    const post = await get(`${base}/?VideoId=v1`, { method: 'POST', body: 'x' });
    expect(post.response.status).toBe(405);
    expect(post.response.headers.get('allow')).toBe('GET, HEAD');
    const head = await get(`${base}/?VideoId=v1`, { method: 'HEAD' });
    expect(head.response.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('builds an absolute URL from the Host header and keeps the path a path', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        `${echoBase}//evil.example/x?y=1`,
        { headers: { host: 'app.example:8443' } },
        (res) => {
          let data = '';
          res.on('data', (c) => {
            data += c;
          });
          res.on('end', () => resolve(data));
        },
      );
      req.on('error', reject);
      req.end();
    });
    sweep.add('echo', raw);
    expect(JSON.parse(raw).url).toBe('http://app.example:8443//evil.example/x?y=1');
  });

  it('trusts X-Forwarded-* only when asked', async () => {
    const proxied = await listen(toNodeHandler(echo, { trustProxy: true }));
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example' };
    expect((await get(`${echoBase}/p`, { headers })).body.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/p$/,
    );
    expect((await get(`${proxied}/p`, { headers })).body.url).toBe('https://public.example/p');
  });

  it.each(['example.com:99999', '[:::]', 'a b'])(
    'answers a malformed Host %j with 400 typed JSON',
    async (host) => {
      const { status, type, text } = await rawGet(base, '/api/play-auth?VideoId=v1', host);
      sweep.add(`host ${host}`, text);
      expect(status).toBe(400);
      expect(type).toBe('application/json; charset=utf-8');
      expect(JSON.parse(text)).toMatchObject({ Code: 'InvalidParameter' });
    },
  );

  it('records the socket address for clientAddress', async () => {
    const url = await listen(
      toNodeHandler((request) => Response.json(clientAddress(request) ?? 'none')),
    );
    expect((await get(url)).body).toBe('127.0.0.1');
  });

  it('hands over method, body and repeated headers, and writes every Set-Cookie', async () => {
    const { response, body } = await get(`${echoBase}/post`, {
      method: 'POST',
      body: 'hello body',
      headers: [
        ['x-custom', 'one'],
        ['x-custom', 'two'],
      ],
    });
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ method: 'POST', body: 'hello body' });
    expect(body.custom).toBe('one, two');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('answers 500 without details when the handler throws and there is no next', async () => {
    const { response, text } = await get(`${echoBase}/throw`);
    expect(response.status).toBe(500);
    expect(text).not.toContain('handler bug');
  });

  it('aborts the Web request when the client goes away', async () => {
    let aborted!: () => void;
    const sawAbort = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    const url = await listen(
      toNodeHandler(
        (request) =>
          new Promise<Response>((resolve) => {
            request.signal.addEventListener('abort', () => {
              aborted();
              resolve(new Response('late'));
            });
          }),
      ),
    );
    const controller = new AbortController();
    const pending = fetch(url, { signal: controller.signal }).catch(() => 'aborted');
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBe('aborted');
    await sawAbort;
  });
});

describe('toNodeHandler: a client that disconnects', () => {
  it('cancels the VOD call it was the last to wait for', async () => {
    const hanging = fakeUpstream(() => 'hang');
    const url = await listen(
      toNodeHandler(
        createPlayAuthHandler({
          client: createVodClient({
            ...CREDS,
            endpoint: 'https://vod.test.example',
            fetch: hanging.fetch,
            timeoutMs: 30_000,
          }),
          authorize: () => true,
          onError: () => undefined,
        }),
      ),
    );
    const controller = new AbortController();
    const pending = fetch(`${url}/?VideoId=gone`, { signal: controller.signal }).catch(() => null);
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(1));
    expect(hanging.calls[0]?.signal?.aborted).toBe(false);
    controller.abort();
    await pending;
    await vi.waitFor(() => expect(hanging.calls[0]?.signal?.aborted).toBe(true));
  });
});

describe('toNodeHandler with Express 5', () => {
  let base = '';
  const seenErrors: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    app.get('/api/play-auth', toNodeHandler(playAuth));
    app.use('/mounted/echo', toNodeHandler(echo));
    app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
      seenErrors.push(error);
      res.status(418).json({ Code: 'Teapot' });
    });
    base = await listen(app);
  });

  it('serves the endpoint on a route', async () => {
    const { response, body } = await get(`${base}/api/play-auth?VideoId=v1`);
    expect(response.status).toBe(200);
    expect(body.AuthInfoTimeout).toBe(100);
    expect((await get(`${base}/api/play-auth?VideoId=missing`)).response.status).toBe(404);
  });

  it('sees the full original URL below a mount path', async () => {
    const { body } = await get(`${base}/mounted/echo/sub?VideoId=v1`);
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mounted\/echo\/sub\?VideoId=v1$/);
  });

  it.each(['example.com:99999', '[:::]'])(
    'answers a malformed Host %j with 400 JSON, not a stack trace',
    async (host) => {
      const { status, type, text } = await rawGet(base, '/api/play-auth?VideoId=v1', host);
      expect(status).toBe(400);
      expect(type).toBe('application/json; charset=utf-8');
      expect(text).not.toMatch(/at |<html|Error/);
      expect(JSON.parse(text).Code).toBe('InvalidParameter');
    },
  );

  it('passes a handler failure to next(error)', async () => {
    const { response } = await get(`${base}/mounted/echo/throw`);
    expect(response.status).toBe(418);
    expect(seenErrors).toHaveLength(1);
    expect((seenErrors[0] as Error).message).toBe('handler bug');
  });
});

describe('secrets', () => {
  it('no AccessKey, secret, token or signature reached a client through the adapter', () => {
    sweep.forbidSignaturesOf(upstream.calls);
    expect(upstream.calls.length).toBeGreaterThan(3);
    sweep.assertClean();
  });
});
