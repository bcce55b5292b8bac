import { createHmac } from 'node:crypto';
import { createPlayAuth, decodePlayAuth, getPlayInfoParams } from '@playauth/testing';
import { getPlayInfoHandlers } from '@playauth/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const VOD = 'https://vod.cn-shanghai.aliyuncs.com/';

// The Aliplayer SDK's own encoder (String.replace with string patterns: first match only), and
// a V2 signer written here with node:crypto, apart from the signer FakeAliplayer uses.
const sdkEncode = (value: string) =>
  encodeURIComponent(value).replace('+', '%2B').replace('*', '%2A').replace('%7E', '~');

function sdkSignedUrl(params: Record<string, string>, secret: string): string {
  const query = Object.keys(params)
    .sort()
    .map((name) => `${sdkEncode(name)}=${sdkEncode(params[name] ?? '')}`)
    .join('&');
  const signature = createHmac('sha1', `${secret}&`)
    .update(`GET&${sdkEncode('/')}&${sdkEncode(query)}`)
    .digest('base64');
  return `${VOD}?${query}&Signature=${encodeURIComponent(signature)}`;
}

function paramsFor(videoId: string, playConfig: Record<string, unknown> = {}) {
  const token = decodePlayAuth(createPlayAuth(videoId, { authInfoTimeout: 300 }));
  const params = getPlayInfoParams({ videoId, token, playerVersion: '2.37.7', playConfig });
  return { params, secret: String(token.AccessKeySecret) };
}

describe('getPlayInfoHandlers', () => {
  test('UploadSucc is not playable: 403 Forbidden.IllegalStatus, as VOD and the emulator answer', async () => {
    server.use(
      ...getPlayInfoHandlers({
        videos: {
          ready: { title: 'R', duration: 1 },
          fresh: { title: 'F', duration: 1, status: 'UploadSucc' },
        },
      }),
    );
    const ready = paramsFor('ready');
    expect((await fetch(sdkSignedUrl(ready.params, ready.secret))).status).toBe(200);
    const fresh = paramsFor('fresh');
    const response = await fetch(sdkSignedUrl(fresh.params, fresh.secret));
    expect(response.status).toBe(403);
    expect((await response.json()).Code).toBe('Forbidden.IllegalStatus');
  });

  test("verifies with the shared verifier: the real SDK's looser encoding passes, a wrong key does not", async () => {
    server.use(...getPlayInfoHandlers());
    // A `'` and a `*` in PlayConfig: the SDK leaves `'` alone, which a strict RFC 3986 check refuses.
    const { params, secret } = paramsFor('v1', { note: "it's *" });
    const ok = await fetch(sdkSignedUrl(params, secret));
    expect(ok.status).toBe(200);
    const forged = await fetch(sdkSignedUrl({ ...params, SignatureNonce: 'n2' }, 'wrong'));
    expect(forged.status).toBe(400);
    expect((await forged.json()).Code).toBe('SignatureDoesNotMatch');
  });
});

describe('getPlayInfoHandlers: HLS standard encryption, as the emulator answers', () => {
  test('PlayConfig.MtsHlsUriToken is appended to the PlayURL; encryptType reports Encrypt 1', async () => {
    server.use(
      ...getPlayInfoHandlers({
        videos: {
          enc: {
            title: 'E',
            duration: 6,
            playUrl: 'https://cdn.example/enc/index.m3u8?auth_key=1-a-0-b',
            encryptType: 'HLSEncryption',
          },
        },
      }),
    );
    const { params, secret } = paramsFor('enc', { MtsHlsUriToken: 't+1' });
    const body = await (await fetch(sdkSignedUrl(params, secret))).json();
    expect(body.PlayInfoList.PlayInfo[0]).toMatchObject({
      PlayURL: 'https://cdn.example/enc/index.m3u8?auth_key=1-a-0-b&MtsHlsUriToken=t%2B1',
      Format: 'm3u8',
      Encrypt: 1,
      EncryptType: 'HLSEncryption',
    });
  });

  test('a PlayConfig that is not a JSON object: 400 InvalidParameter, as the emulator answers', async () => {
    server.use(...getPlayInfoHandlers());
    const { params, secret } = paramsFor('v1');
    const response = await fetch(sdkSignedUrl({ ...params, PlayConfig: '[1]' }, secret));
    expect(response.status).toBe(400);
    expect((await response.json()).Code).toBe('InvalidParameter');
  });
});
