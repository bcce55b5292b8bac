import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVodClient } from '../createVodClient';
import { percentEncode } from '../percentEncode';
import { signAcs3, signAcs3Parts } from '../signAcs3';
import { VodApiError } from '../VodApiError';
import { CREDS, playAuthBody } from './support';

// The official client, a dev dependency used only as a reference here.
const require = createRequire(import.meta.url);
const openapi = require('@alicloud/openapi-core');
const utilsModule = require('@alicloud/openapi-core/dist/utils');
const openapiUtils = utilsModule.default;
const dara = require('@darabonba/typescript');

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('signAcs3: the worked example of Alibaba Cloud V3 signature documentation', () => {
  // "Request syntax and signature method V3" > Signature examples > Fixed parameter values,
  // https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
  const request = {
    method: 'POST',
    url: 'https://ecs.cn-shanghai.aliyuncs.com/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
    headers: { 'x-acs-action': 'RunInstances', 'x-acs-version': '2014-05-26' },
  };
  const credentials = { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' };
  const fixed = {
    date: new Date('2023-10-26T10:22:32Z'),
    nonce: '3156853299f313e23d1673dc12e1703d',
  };

  it('builds the documented canonical request', async () => {
    const parts = await signAcs3Parts(request, credentials, fixed);
    expect(parts.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        `x-acs-content-sha256:${EMPTY_SHA256}`,
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        EMPTY_SHA256,
      ].join('\n'),
    );
  });

  it('produces the documented string to sign, signature and Authorization header', async () => {
    const parts = await signAcs3Parts(request, credentials, fixed);
    expect(parts.stringToSign).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
    expect(parts.signature).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    const headers = await signAcs3(request, credentials, fixed);
    expect(headers).toEqual({
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': EMPTY_SHA256,
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26',
      authorization:
        'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    });
  });

  it('is sensitive to every input (a changed byte changes the signature)', async () => {
    const base = await signAcs3Parts(request, credentials, fixed);
    const variants = await Promise.all([
      signAcs3Parts(request, { ...credentials, accessKeySecret: 'YourAccessKeySecreT' }, fixed),
      signAcs3Parts(request, credentials, { ...fixed, nonce: '3156853299f313e23d1673dc12e1703e' }),
      signAcs3Parts(request, credentials, { ...fixed, date: new Date('2023-10-26T10:22:33Z') }),
      signAcs3Parts({ ...request, url: `${request.url}x` }, credentials, fixed),
      signAcs3Parts({ ...request, method: 'GET' }, credentials, fixed),
      signAcs3Parts({ ...request, body: ' ' }, credentials, fixed),
    ]);
    for (const variant of variants) expect(variant.signature).not.toBe(base.signature);
  });
});

describe('signAcs3: headers', () => {
  const creds = { accessKeyId: 'id', accessKeySecret: 'secret' };

  it('signs x-acs-* and content-type headers (lower-cased), returns others unsigned', async () => {
    const parts = await signAcs3Parts(
      {
        method: 'post',
        url: 'https://vod.cn-shanghai.aliyuncs.com/',
        headers: {
          'X-Acs-Action': 'A',
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'x-acs-version': '  v  ',
        },
        body: '{"a":1}',
      },
      creds,
    );
    expect(parts.signedHeaders).toBe(
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
    expect(parts.headers.accept).toBe('application/json');
    expect(parts.headers['x-acs-version']).toBe('v');
    expect(parts.canonicalRequest.startsWith('POST\n/\n\n')).toBe(true);
    expect(parts.headers['x-acs-content-sha256']).toBe(
      createHash('sha256').update('{"a":1}').digest('hex'),
    );
  });

  it('hashes a binary body byte for byte', async () => {
    const body = new Uint8Array([0, 255, 1, 254]);
    const headers = await signAcs3({ method: 'PUT', url: 'https://h.example/', body }, creds);
    expect(headers['x-acs-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('signs the host exactly as sent: default ports dropped, others kept', async () => {
    const a = await signAcs3(
      { method: 'POST', url: 'https://vod.cn-shanghai.aliyuncs.com:443/' },
      creds,
    );
    const b = await signAcs3({ method: 'POST', url: 'http://127.0.0.1:8080/' }, creds);
    const c = await signAcs3({ method: 'POST', url: new URL('http://Example.COM:80/') }, creds);
    expect([a.host, b.host, c.host]).toEqual([
      'vod.cn-shanghai.aliyuncs.com',
      '127.0.0.1:8080',
      'example.com',
    ]);
  });

  it('uses a fresh 128-bit nonce and the current second by default', async () => {
    const before = Date.now();
    const [a, b] = await Promise.all([
      signAcs3({ method: 'POST', url: 'https://h.example/' }, creds),
      signAcs3({ method: 'POST', url: 'https://h.example/' }, creds),
    ]);
    expect(a['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(a['x-acs-signature-nonce']).not.toBe(b['x-acs-signature-nonce']);
    expect(a['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(a['x-acs-date'] as string) - before)).toBeLessThan(2000);
  });

  it('adds the STS token (and the key id next to it, as the official client does)', async () => {
    const headers = await signAcs3(
      { method: 'POST', url: 'https://h.example/' },
      { ...creds, securityToken: 'tok' },
    );
    expect(headers['x-acs-security-token']).toBe('tok');
    expect(headers['x-acs-accesskey-id']).toBe('id');
    expect(headers.authorization).toContain('x-acs-accesskey-id;');
    expect(headers.authorization).toContain(';x-acs-security-token;');
  });

  it('replaces computed headers a caller passed in', async () => {
    const headers = await signAcs3(
      {
        method: 'POST',
        url: 'https://h.example/',
        headers: { Host: 'evil.example', Authorization: 'x', 'x-acs-date': '1999-01-01T00:00:00Z' },
      },
      creds,
      { date: new Date('2024-01-01T00:00:00Z') },
    );
    expect(headers.host).toBe('h.example');
    expect(headers['x-acs-date']).toBe('2024-01-01T00:00:00Z');
    expect(headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=id,/);
  });

  it('refuses a header given twice in different cases', async () => {
    await expect(
      signAcs3(
        { method: 'POST', url: 'https://h.example/', headers: { 'x-acs-a': '1', 'X-ACS-A': '2' } },
        creds,
      ),
    ).rejects.toThrow(TypeError);
  });

  it('refuses empty credentials with a typed error that does not echo them', async () => {
    const error = await signAcs3(
      { method: 'POST', url: 'https://h.example/' },
      { accessKeyId: CREDS.accessKeyId, accessKeySecret: '' },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(VodApiError);
    expect(error.code).toBe('InvalidConfiguration');
    expect(error.message).toContain('accessKeySecret');
    expect(error.message).not.toContain(CREDS.accessKeyId);
  });
});

describe('signAcs3: query encoding edge cases, checked against @alicloud/openapi-core', () => {
  const creds = { accessKeyId: 'id', accessKeySecret: 'secret' };
  const values = {
    space: 'a b',
    star: 'a*b',
    tilde: 'a~b',
    plus: 'a+b',
    slash: 'a/b',
    utf8: 'vidéo 视频',
    emoji: '😀',
    delims: 'x=1&y=2?#',
    quotes: `!'()`,
  };

  it('canonicalizes names and values RFC 3986-encoded and sorted', async () => {
    const url = `https://h.example/?${Object.entries(values)
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&')}`;
    const parts = await signAcs3Parts({ method: 'POST', url }, creds, {
      nonce: 'n',
      date: new Date(0),
    });
    expect(parts.canonicalRequest.split('\n')[2]).toBe(
      'delims=x%3D1%26y%3D2%3F%23&emoji=%F0%9F%98%80&plus=a%2Bb&quotes=%21%27%28%29&slash=a%2Fb&space=a%20b&star=a%2Ab&tilde=a~b&utf8=vid%C3%A9o%20%E8%A7%86%E9%A2%91',
    );
  });

  it('signs the same as the official client for the same query, in the URL or in `query`', async () => {
    const fixed = { nonce: 'nonce-1', date: new Date('2024-02-03T04:05:06Z') };
    const fromQuery = await signAcs3(
      {
        method: 'POST',
        url: 'https://vod.cn-shanghai.aliyuncs.com/',
        query: values,
        headers: { 'x-acs-action': 'A' },
      },
      creds,
      fixed,
    );
    const url = `https://vod.cn-shanghai.aliyuncs.com/?${Object.entries(values)
      .map(([k, v]) => `${k}=${percentEncode(v)}`)
      .join('&')}`;
    const fromUrl = await signAcs3(
      { method: 'POST', url, headers: { 'x-acs-action': 'A' } },
      creds,
      fixed,
    );
    expect(fromUrl).toEqual(fromQuery);

    const { authorization, ...signedHeaders } = fromQuery;
    const reference = openapiUtils.getAuthorization(
      { pathname: '/', method: 'POST', query: values, headers: signedHeaders },
      'ACS3-HMAC-SHA256',
      EMPTY_SHA256,
      'id',
      'secret',
    );
    expect(authorization).toBe(reference);
  });
});

describe('byte-identical to @alicloud/openapi-core for GetVideoPlayAuth', () => {
  let server: Server;
  let port = 0;
  const seen: { method: string; url: string; headers: Record<string, string> }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers[(req.rawHeaders[i] as string).toLowerCase()] = req.rawHeaders[i + 1] as string;
      }
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(playAuthBody('v1')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    seen.length = 0;
  });

  async function officialCall(config: Record<string, unknown>, query: Record<string, unknown>) {
    const official = new openapi.default(
      new utilsModule.Config({
        endpoint: `127.0.0.1:${port}`,
        protocol: 'HTTP',
        regionId: 'cn-shanghai',
        ...config,
      }),
    );
    // The parameters @alicloud/vod20170321 passes for GetVideoPlayAuth.
    const params = new utilsModule.Params({
      action: 'GetVideoPlayAuth',
      version: '2017-03-21',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new utilsModule.OpenApiRequest({ query: openapiUtils.query(query) });
    const response = await official.callApi(params, request, new dara.RuntimeOptions({}));
    expect(response.body.PlayAuth).toBe('PLAYAUTH-v1-0');
    const last = seen.at(-1);
    if (!last) throw new Error('the official client sent nothing');
    return last;
  }

  // What has to match byte for byte: every signed header, the authorization, and accept.
  // (user-agent, connection and content-length are transport details of each HTTP stack.)
  function signedPart(headers: Record<string, string>) {
    return Object.fromEntries(
      Object.entries(headers).filter(
        ([name]) =>
          name === 'host' ||
          name === 'authorization' ||
          name === 'accept' ||
          name.startsWith('x-acs-'),
      ),
    );
  }

  it.each([
    ['an AccessKey pair', {}],
    ['STS credentials', { securityToken: CREDS.securityToken }],
  ])('signAcs3 reproduces every header the official client sends, with %s', async (_, extra) => {
    vi.spyOn(openapiUtils, 'getNonce').mockReturnValue('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    vi.spyOn(openapiUtils, 'getTimestamp').mockReturnValue('2024-05-06T07:08:09Z');
    const official = await officialCall(
      { accessKeyId: CREDS.accessKeyId, accessKeySecret: CREDS.accessKeySecret, ...extra },
      { VideoId: 'v1', AuthInfoTimeout: 600 },
    );
    expect(official.headers['x-acs-signature-nonce']).toBe('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
    expect('x-acs-security-token' in official.headers).toBe('securityToken' in extra);

    const ours = await signAcs3(
      {
        method: 'POST',
        url: `http://127.0.0.1:${port}/?AuthInfoTimeout=600&VideoId=v1`,
        headers: {
          'x-acs-action': 'GetVideoPlayAuth',
          'x-acs-version': '2017-03-21',
          accept: 'application/json',
          // The official client announces where its credentials came from, and signs that too.
          'x-acs-credentials-provider': official.headers['x-acs-credentials-provider'] as string,
        },
      },
      { accessKeyId: CREDS.accessKeyId, accessKeySecret: CREDS.accessKeySecret, ...extra },
      { date: new Date('2024-05-06T07:08:09Z'), nonce: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
    );
    expect(signedPart(ours)).toEqual(signedPart(official.headers));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(signedPart(official.headers)).sort());
  });

  it.each([
    ['an AccessKey pair', undefined],
    ['STS credentials', CREDS.securityToken],
  ])('createVodClient sends what the official client sends, with %s', async (_, securityToken) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-06T07:08:09.654Z'));
    const nonce = 'ab'.repeat(16);
    vi.spyOn(openapiUtils, 'getNonce').mockReturnValue(nonce);
    const credentials = {
      accessKeyId: CREDS.accessKeyId,
      accessKeySecret: CREDS.accessKeySecret,
      securityToken,
    };
    // A credential object without a provider name, like createVodClient's own `credentials`.
    const official = await officialCall(
      {
        credential: {
          getCredential: async () => ({
            ...credentials,
            type: securityToken ? 'sts' : 'access_key',
          }),
        },
      },
      { VideoId: 'v1', AuthInfoTimeout: 600 },
    );

    // Our nonce is 16 random bytes in hex: fix them to match the official client's stub.
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
      if (array instanceof Uint8Array) array.fill(0xab);
      return array;
    });
    const client = createVodClient({ credentials, endpoint: `http://127.0.0.1:${port}` });
    const body = await client.getVideoPlayAuth({ videoId: 'v1', authInfoTimeout: 600 });
    expect(body.PlayAuth).toBe('PLAYAUTH-v1-0');
    const ours = seen.at(-1);
    if (!ours) throw new Error('createVodClient sent nothing');

    expect(ours.method).toBe(official.method);
    const query = (url: string) => [...new URL(url, 'http://x').searchParams].sort();
    expect(new URL(ours.url, 'http://x').pathname).toBe('/');
    expect(query(ours.url)).toEqual(query(official.url));
    expect(signedPart(ours.headers)).toEqual(signedPart(official.headers));
    expect(ours.headers['x-acs-security-token']).toBe(securityToken);
  });
});
