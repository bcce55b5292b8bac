import { createHmac } from 'node:crypto';
import {
  buildGetPlayInfoUrl,
  getPlayInfoParams,
  percentEncode,
  signRpcV2,
} from '@playauth/testing';
import { describe, expect, test } from 'vitest';

const token = {
  AccessKeyId: 'STS.testid',
  AccessKeySecret: 'testsecret',
  SecurityToken: 'CAIS+tok/en==',
  Region: 'cn-shanghai',
  AuthInfo: '{"ExpireTime":"2030-01-01T00:00:00Z","MediaId":"vid1"}',
};
const request = {
  videoId: 'vid1',
  token,
  playerVersion: '2.37.7',
  nonce: 'nonce-1',
  rand: 'rand-1',
};

// Written out by hand from aliplayer-sdk.md and alibaba-cloud-api.md: parameters sorted by name,
// names and values RFC 3986-encoded. Not produced by the code under test.
const CANONICAL = [
  'AccessKeyId=STS.testid',
  'Action=GetPlayInfo',
  'AuthInfo=%7B%22ExpireTime%22%3A%222030-01-01T00%3A00%3A00Z%22%2C%22MediaId%22%3A%22vid1%22%7D',
  'AuthTimeout=7200',
  'Channel=HTML5',
  'Format=JSON',
  'Formats=',
  'PlayConfig=%7B%7D',
  'PlayerVersion=2.37.7',
  'Rand=rand-1',
  'ReAuthInfo=%7B%7D',
  'SecurityToken=CAIS%2Btok%2Fen%3D%3D',
  'SignatureMethod=HMAC-SHA1',
  'SignatureNonce=nonce-1',
  'SignatureVersion=1.0',
  'StreamType=video',
  'Version=2017-03-21',
  'VideoId=vid1',
].join('&');

/** Known answer, computed with node:crypto over the documented StringToSign. */
function expectedSignature(): string {
  // The canonical query holds only unreserved characters, '%', '=' and '&', which
  // encodeURIComponent encodes exactly as RFC 3986 does.
  const stringToSign = `GET&%2F&${encodeURIComponent(CANONICAL)}`;
  return createHmac('sha1', 'testsecret&').update(stringToSign).digest('base64');
}

describe('V2 signature of GetPlayInfo (known answer)', () => {
  test('signRpcV2 over the SDK parameter set matches the hand-computed HMAC-SHA1', async () => {
    const params = getPlayInfoParams(request);
    expect(await signRpcV2(params, 'testsecret')).toBe(expectedSignature());
  });

  test('the URL carries exactly the documented parameters and that signature', async () => {
    const url = new URL(await buildGetPlayInfoUrl(request));
    expect(url.origin + url.pathname).toBe('https://vod.cn-shanghai.aliyuncs.com/');
    const raw = url.search.slice(1);
    const signatureIndex = raw.indexOf('&Signature=');
    expect(raw.slice(0, signatureIndex)).toBe(CANONICAL);
    expect(url.searchParams.get('Signature')).toBe(expectedSignature());
    expect(url.searchParams.has('Timestamp')).toBe(false);
  });

  test('a different secret or parameter changes the signature', async () => {
    const params = getPlayInfoParams(request);
    expect(await signRpcV2(params, 'othersecret')).not.toBe(expectedSignature());
    expect(await signRpcV2({ ...params, VideoId: 'vid2' }, 'testsecret')).not.toBe(
      expectedSignature(),
    );
  });
});

describe('GetPlayInfo request shape', () => {
  test('customVodServer: the same signed query plus an unsigned RegionId', async () => {
    const plain = await buildGetPlayInfoUrl({
      ...request,
      customVodServer: 'http://127.0.0.1:1/vod',
    });
    expect(plain).toMatch(/^http:\/\/127\.0\.0\.1:1\/vod\?AccessKeyId=/);
    expect(plain.endsWith('&RegionId=cn-shanghai')).toBe(true);
    expect(new URL(plain).searchParams.get('Signature')).toBe(expectedSignature());
    const withQuery = await buildGetPlayInfoUrl({
      ...request,
      customVodServer: 'http://h/vod?x=1',
    });
    expect(withQuery).toMatch(/^http:\/\/h\/vod\?x=1&AccessKeyId=/);
  });

  test('backup host, definition and options', async () => {
    const backup = new URL(await buildGetPlayInfoUrl({ ...request, backupHost: true }));
    expect(backup.host).toBe('vod-product.cn-shanghai.aliyuncs.com');
    expect(getPlayInfoParams({ ...request, definition: 'AUTO' }).ResultType).toBe('Multiple');
    const hd = getPlayInfoParams({
      ...request,
      definition: 'HD',
      format: 'm3u8',
      authTimeout: 3600,
      playConfig: { PreviewTime: '20' },
    });
    expect(hd).toMatchObject({
      Definition: 'HD',
      Formats: 'm3u8',
      AuthTimeout: '3600',
      PlayConfig: '{"PreviewTime":"20"}',
    });
  });

  test('fields missing from the PlayAuth are sent as "undefined", like the SDK; nonces are fresh', () => {
    const bare = { AccessKeyId: 'a', AccessKeySecret: 'b', Region: 'cn-shanghai' };
    const params = getPlayInfoParams({ videoId: 'v', token: bare, playerVersion: '2.37.7' });
    expect(params.SecurityToken).toBe('undefined');
    expect(params).not.toHaveProperty('AuthInfo');
    const again = getPlayInfoParams({ videoId: 'v', token: bare, playerVersion: '2.37.7' });
    expect(again.SignatureNonce).not.toBe(params.SignatureNonce);
    expect(again.Rand).not.toBe(params.Rand);
  });

  test('percentEncode follows RFC 3986', () => {
    expect(percentEncode("a b*c~d+e/f!'()")).toBe('a%20b%2Ac~d%2Be%2Ff%21%27%28%29');
    expect(percentEncode('é-_.')).toBe('%C3%A9-_.');
  });
});
