import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { createManualClock } from '../clock';
import { decodeAuthInfo, decodePlayAuth } from '../playAuthToken';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';
import { signV3, tamperV3, v2Params, v2Signature, v2Url } from './signers';

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const ID = DEFAULT_VIDEO_IDS.testPattern;

let emulator: VodEmulator;
const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
const now = () => new Date(clock.now());

beforeAll(async () => {
  emulator = await startVodEmulator({
    clock,
    accessKeys: [
      { accessKeyId: 'main-key', accessKeySecret: 'main-secret' },
      { accessKeyId: 'sts-key', accessKeySecret: 'sts-secret', securityToken: 'token-123' },
      { accessKeyId: 'info-only', accessKeySecret: 'info-secret', actions: ['GetPlayInfo'] },
    ],
  });
});
afterAll(() => emulator.close());

const v3 = (query: Record<string, string>, extra: Partial<Parameters<typeof signV3>[0]> = {}) =>
  signV3({
    baseUrl: emulator.url,
    accessKeyId: 'main-key',
    accessKeySecret: 'main-secret',
    query,
    date: now(),
    ...extra,
  });

async function send({ url, init }: { url: string; init?: RequestInit }) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
}

describe('GetVideoPlayAuth: accepted signatures', () => {
  it('accepts V3 over POST with params in the query and answers the documented body', async () => {
    const { status, body, res } = await send(v3({ VideoId: ID, AuthInfoTimeout: '300' }));
    expect(status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.RequestId).toMatch(REQUEST_ID);
    expect(body.VideoMeta).toEqual({
      VideoId: ID,
      Title: 'Test pattern with a 440 Hz tone',
      Duration: 6,
      CoverURL: `${emulator.url}/cover/${ID}.svg`,
      Status: 'Normal',
    });
    expect(typeof body.PlayAuth).toBe('string');
  });

  it('accepts V3 over GET, and V3 with the params in a form body', async () => {
    expect((await send(v3({ VideoId: ID }, { method: 'GET' }))).status).toBe(200);
    const form = await send(v3({}, { form: { VideoId: ID, AuthInfoTimeout: '120' } }));
    expect(form.status).toBe(200);
    expect((form.body.VideoMeta as { VideoId: string }).VideoId).toBe(ID);
  });

  it('accepts V2 over GET (query) and POST (form body)', async () => {
    const params = v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, now());
    expect((await send({ url: v2Url(emulator.url, params, 'main-secret') })).status).toBe(200);

    const post = v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, now());
    const body = new URLSearchParams({
      ...post,
      Signature: v2Signature('POST', post, 'main-secret'),
    });
    const res = await send({
      url: `${emulator.url}/`,
      init: {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    });
    expect(res.status).toBe(200);
    expect(emulator.requests.at(-1)?.signatureVersion).toBe('v2');
  });

  it('verifies V3 query values with spaces, *, ~, + and UTF-8 (no rubber stamp on encoding)', async () => {
    // The odd parameter is ignored by the action but is part of the signature.
    const ok = await send(v3({ VideoId: ID, Note: 'a b*c~d+e/f 视频 ü' }));
    expect(ok.status).toBe(200);
  });

  it('accepts an STS key only with its security token (V3 header and V2 SecurityToken)', async () => {
    const sts = { accessKeyId: 'sts-key', accessKeySecret: 'sts-secret' };
    expect((await send(v3({ VideoId: ID }, { ...sts, securityToken: 'token-123' }))).status).toBe(
      200,
    );
    const missing = await send(v3({ VideoId: ID }, sts));
    expect(missing.body.Code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    const wrong = await send(v3({ VideoId: ID }, { ...sts, securityToken: 'token-999' }));
    expect(wrong.body.Code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    const v2 = v2Params(
      'sts-key',
      'GetVideoPlayAuth',
      { VideoId: ID, SecurityToken: 'token-123' },
      now(),
    );
    expect((await send({ url: v2Url(emulator.url, v2, 'sts-secret') })).status).toBe(200);
  });
});

describe('GetVideoPlayAuth: refused signatures', () => {
  it('refuses a V3 signature with one character changed', async () => {
    const { status, body } = await send({
      ...v3({ VideoId: ID }),
      init: tamperV3(v3({ VideoId: ID }).init),
    });
    expect(status).toBe(400);
    expect(body.Code).toBe('SignatureDoesNotMatch');
    expect(Object.keys(body).sort()).toEqual([
      'Code',
      'HostId',
      'Message',
      'Recommend',
      'RequestId',
    ]);
    expect(body.RequestId).toMatch(REQUEST_ID);
  });

  it('refuses a V3 request whose query was changed after signing', async () => {
    const signed = v3({ VideoId: ID });
    const res = await send({
      url: signed.url.replace(ID, DEFAULT_VIDEO_IDS.colourBars),
      init: signed.init,
    });
    expect(res.body.Code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a V2 signature with one character changed, and a wrong secret', async () => {
    const params = v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, now());
    const sig = v2Signature('GET', params, 'main-secret');
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const url = `${emulator.url}/?${new URLSearchParams({ ...params, Signature: flipped })}`;
    expect((await send({ url })).body.Code).toBe('SignatureDoesNotMatch');
    const other = v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, now());
    expect((await send({ url: v2Url(emulator.url, other, 'not-the-secret') })).body.Code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('refuses an unknown AccessKeyId with InvalidAccessKeyId.NotFound (404)', async () => {
    const v3res = await send(v3({ VideoId: ID }, { accessKeyId: 'nobody', accessKeySecret: 'x' }));
    expect([v3res.status, v3res.body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
    const params = v2Params('nobody', 'GetVideoPlayAuth', { VideoId: ID }, now());
    const v2res = await send({ url: v2Url(emulator.url, params, 'x') });
    expect([v2res.status, v2res.body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('refuses an x-acs-* header left out of SignedHeaders, and a body that does not match its hash', async () => {
    const unsigned = v3(
      { VideoId: ID },
      { headers: { 'x-acs-extra': '1' }, unsigned: ['x-acs-extra'] },
    );
    expect((await send(unsigned)).body.Code).toBe('SignatureDoesNotMatch');
    const signed = v3({}, { form: { VideoId: ID } });
    const swapped = { ...signed.init, body: `VideoId=${DEFAULT_VIDEO_IDS.colourBars}` };
    expect((await send({ url: signed.url, init: swapped })).body.Code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('ignores a form body whose Content-Type is not signed: it cannot override signed query parameters', async () => {
    // The body hash is signed, but without a signed Content-Type nothing says the body is a form.
    const overridden = await send(
      v3({ VideoId: ID }, { form: { VideoId: 'not-a-video' }, unsigned: ['content-type'] }),
    );
    expect(overridden.status).toBe(200);
    expect((overridden.body.VideoMeta as { VideoId: string }).VideoId).toBe(ID);
    const bodyOnly = await send(v3({}, { form: { VideoId: ID }, unsigned: ['content-type'] }));
    expect(bodyOnly.body.Code).toBe('MissingParameter');
    // Signed Content-Type: the form is honoured (see "V3 with the params in a form body").
    const signed = await send(v3({}, { form: { VideoId: ID } }));
    expect(signed.status).toBe(200);
  });

  it('refuses a malformed authorization and an unsigned request', async () => {
    const res = await send({
      url: `${emulator.url}/?VideoId=${ID}`,
      init: {
        headers: {
          authorization: 'Bearer abc',
          'x-acs-action': 'GetVideoPlayAuth',
          'x-acs-version': '2017-03-21',
        },
      },
    });
    expect(res.body.Code).toBe('IncompleteSignature');
    const bare = await send({ url: `${emulator.url}/?Action=GetVideoPlayAuth&VideoId=${ID}` });
    expect([bare.status, bare.body.Code]).toEqual([400, 'MissingParameter']);
  });

  it('refuses a timestamp more than 15 minutes off the emulator clock, both ways', async () => {
    const late = new Date(clock.now() - 16 * 60_000);
    const early = new Date(clock.now() + 16 * 60_000);
    for (const date of [late, early]) {
      const res = await send(v3({ VideoId: ID }, { date }));
      expect([res.status, res.body.Code]).toEqual([400, 'InvalidTimeStamp.Expired']);
      const params = v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, date);
      expect((await send({ url: v2Url(emulator.url, params, 'main-secret') })).body.Code).toBe(
        'InvalidTimeStamp.Expired',
      );
    }
    // 14 minutes is within the window.
    expect(
      (await send(v3({ VideoId: ID }, { date: new Date(clock.now() - 14 * 60_000) }))).status,
    ).toBe(200);
  });

  it('follows its clock: a request signed "now" fails once the clock moved 16 minutes', async () => {
    const signed = v3({ VideoId: ID });
    clock.advance(16 * 60_000);
    try {
      expect((await send(signed)).body.Code).toBe('InvalidTimeStamp.Expired');
    } finally {
      clock.advance(-16 * 60_000);
    }
  });

  it('refuses a malformed timestamp', async () => {
    const params = {
      ...v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, now()),
      Timestamp: 'yesterday',
    };
    expect((await send({ url: v2Url(emulator.url, params, 'main-secret') })).body.Code).toBe(
      'InvalidTimeStamp.Format',
    );
  });

  it('refuses a reused nonce (V3 and V2), and accepts the same request with a new nonce', async () => {
    const signed = v3({ VideoId: ID }, { nonce: 'nonce-once' });
    expect((await send(signed)).status).toBe(200);
    const replay = await send(signed);
    expect([replay.status, replay.body.Code]).toEqual([400, 'SignatureNonceUsed']);
    expect((await send(v3({ VideoId: ID }, { nonce: 'nonce-twice' }))).status).toBe(200);

    const params = {
      ...v2Params('main-key', 'GetVideoPlayAuth', { VideoId: ID }, now()),
      SignatureNonce: 'n2',
    };
    const url = v2Url(emulator.url, params, 'main-secret');
    expect((await send({ url })).status).toBe(200);
    expect((await send({ url })).body.Code).toBe('SignatureNonceUsed');
  });

  it('does not burn a nonce on a request whose signature failed', async () => {
    const signed = v3({ VideoId: ID }, { nonce: 'nonce-after-failure' });
    expect((await send({ url: signed.url, init: tamperV3(signed.init) })).body.Code).toBe(
      'SignatureDoesNotMatch',
    );
    expect((await send(signed)).status).toBe(200);
  });
});

describe('GetVideoPlayAuth: parameters and videos', () => {
  it('requires VideoId', async () => {
    for (const query of [{}, { VideoId: '' }] as Record<string, string>[]) {
      const { status, body } = await send(v3(query));
      expect([status, body.Code]).toEqual([400, 'MissingParameter']);
      expect(body.Message).toContain('VideoId');
    }
  });

  it.each([
    ['../etc/passwd'],
    ['<script>alert(1)</script>'],
    ["1' OR '1'='1"],
    ['视频'],
    ['a'.repeat(65)],
    ['id with space'],
  ])('refuses the malformed VideoId %j with InvalidParameter', async (videoId) => {
    const { status, body } = await send(v3({ VideoId: videoId }));
    expect([status, body.Code]).toEqual([400, 'InvalidParameter']);
    expect(body.Message).toContain('VideoId');
  });

  it.each(['99', '3001', '-100', '100.5', '1e3', 'NaN', '', ' 200', '0x100'])(
    'refuses AuthInfoTimeout=%j with InvalidParameter',
    async (timeout) => {
      const { status, body } = await send(v3({ VideoId: ID, AuthInfoTimeout: timeout }));
      expect([status, body.Code]).toEqual([400, 'InvalidParameter']);
      expect(body.Message).toContain('AuthInfoTimeout');
    },
  );

  it.each(['100', '3000'])('accepts the bound AuthInfoTimeout=%s', async (timeout) => {
    expect((await send(v3({ VideoId: ID, AuthInfoTimeout: timeout }))).status).toBe(200);
  });

  it('answers Forbidden.IllegalStatus (403) for Transcoding and Blocked videos', async () => {
    for (const id of [DEFAULT_VIDEO_IDS.transcoding, DEFAULT_VIDEO_IDS.blocked]) {
      const { status, body } = await send(v3({ VideoId: id }));
      expect([status, body.Code]).toEqual([403, 'Forbidden.IllegalStatus']);
    }
  });

  it('answers Forbidden.IllegalStatus (403) for UploadSucc: VOD plays only Normal videos', async () => {
    const uploaded = await startVodEmulator({
      clock,
      videos: [{ videoId: 'just-uploaded', title: 'Uploaded', duration: 5, status: 'UploadSucc' }],
    });
    try {
      const { status, body } = await send(
        signV3({
          baseUrl: uploaded.url,
          accessKeyId: uploaded.accessKeyId,
          accessKeySecret: uploaded.accessKeySecret,
          query: { VideoId: 'just-uploaded' },
          date: now(),
        }),
      );
      expect([status, body.Code]).toEqual([403, 'Forbidden.IllegalStatus']);
    } finally {
      await uploaded.close();
    }
  });

  it('answers InvalidVideo.NotFound (404) for an unknown id', async () => {
    const { status, body } = await send(v3({ VideoId: '0123456789abcdef0123456789abcdef' }));
    expect([status, body.Code]).toEqual([404, 'InvalidVideo.NotFound']);
  });

  it('answers InvalidAction.NotFound for an unknown action, MissingParameter without one', async () => {
    const unknown = await send(v3({ VideoId: ID }, { action: 'DeleteVideo' }));
    expect([unknown.status, unknown.body.Code]).toEqual([404, 'InvalidAction.NotFound']);
    const none = await send({ url: `${emulator.url}/?VideoId=${ID}` });
    expect(none.body.Code).toBe('MissingParameter');
  });

  it('refuses another API version', async () => {
    expect((await send(v3({ VideoId: ID }, { version: '2014-06-18' }))).body.Code).toBe(
      'InvalidVersion',
    );
  });

  it('answers Forbidden.RAM for a key whose actions exclude GetVideoPlayAuth', async () => {
    const res = await send(
      v3({ VideoId: ID }, { accessKeyId: 'info-only', accessKeySecret: 'info-secret' }),
    );
    expect([res.status, res.body.Code]).toEqual([403, 'Forbidden.RAM']);
  });
});

describe('GetVideoPlayAuth: the PlayAuth', () => {
  it('decodes to the shape the Aliplayer SDK reads, valid AuthInfoTimeout seconds of the emulator clock', async () => {
    const { body } = await send(v3({ VideoId: ID, AuthInfoTimeout: '1800' }));
    const payload = decodePlayAuth(body.PlayAuth as string);
    expect(payload.AccessKeyId).toMatch(/^STS\.[A-Za-z0-9]{20,}$/);
    expect(payload.AccessKeySecret).toMatch(/^[A-Za-z0-9]{30,}$/);
    expect(payload.SecurityToken.length).toBeGreaterThan(100);
    expect(payload.Region).toBe('cn-shanghai');
    expect(typeof payload.CustomerId).toBe('number');
    const info = decodeAuthInfo(payload.AuthInfo);
    expect(info.MediaId).toBe(ID);
    expect(info.ExpireTime).toBe(
      new Date(clock.now() + 1800_000).toISOString().replace('.000', ''),
    );
    expect(Object.keys(info).sort()).toEqual([
      'CI',
      'Caller',
      'ExpireTime',
      'MediaId',
      'PlayDomain',
      'Signature',
    ]);
  });

  it('issues a different STS key pair each time', async () => {
    const a = decodePlayAuth((await send(v3({ VideoId: ID }))).body.PlayAuth as string);
    const b = decodePlayAuth((await send(v3({ VideoId: ID }))).body.PlayAuth as string);
    expect(a.AccessKeyId).not.toBe(b.AccessKeyId);
    expect(a.AccessKeySecret).not.toBe(b.AccessKeySecret);
  });

  it('refuses the PlayAuth STS key for GetVideoPlayAuth (Forbidden.RAM)', async () => {
    const p = decodePlayAuth((await send(v3({ VideoId: ID }))).body.PlayAuth as string);
    const res = await send(
      v3(
        { VideoId: ID },
        {
          accessKeyId: p.AccessKeyId,
          accessKeySecret: p.AccessKeySecret,
          securityToken: p.SecurityToken,
        },
      ),
    );
    expect([res.status, res.body.Code]).toEqual([403, 'Forbidden.RAM']);
  });
});
