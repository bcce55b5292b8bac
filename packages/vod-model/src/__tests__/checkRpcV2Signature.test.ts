import { createHmac } from 'node:crypto';
import {
  canonicalQuery,
  checkRpcV2Signature,
  percentEncode,
  rpcV2StringToSign,
  signRpcV2,
} from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

// An oracle written from the documentation, with Node's crypto (tests may use Node).
function oracle(method: string, params: Record<string, string>, secret: string): string {
  const enc = (v: string) =>
    encodeURIComponent(v).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const query = Object.entries(params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`${method}&%2F&${enc(query)}`)
    .digest('base64');
}

const params = {
  Action: 'GetPlayInfo',
  VideoId: 'video-1',
  AccessKeyId: 'STS.key',
  SignatureMethod: 'HMAC-SHA1',
  SignatureVersion: '1.0',
  SignatureNonce: 'n-1',
  AuthInfo: '{"ExpireTime":"2026-01-01T00:00:00Z","MediaId":"video-1"}',
  PlayConfig: "{}*!'()~ +",
};

describe('percentEncode and the canonical query', () => {
  it('encodes everything but A-Z a-z 0-9 - _ . ~, upper-case hex, UTF-8', () => {
    expect(percentEncode("a b*c~!'()+/=&é")).toBe('a%20b%2Ac~%21%27%28%29%2B%2F%3D%26%C3%A9');
  });

  it('sorts by name and leaves Signature out', () => {
    expect(canonicalQuery({ b: '2', a: '1 1', Signature: 'x' })).toBe('a=1%201&b=2');
    expect(rpcV2StringToSign('get', { a: '=' })).toBe('GET&%2F&a%3D%253D');
  });
});

describe('signRpcV2 / checkRpcV2Signature', () => {
  it('signs as the independent oracle does, GET and POST', async () => {
    expect(await signRpcV2(params, 'secret')).toBe(oracle('GET', params, 'secret'));
    expect(await signRpcV2(params, 'secret', 'POST')).toBe(oracle('POST', params, 'secret'));
  });

  it('accepts a correct signature, with or without the unsigned RegionId the SDK appends', async () => {
    const Signature = await signRpcV2(params, 'secret');
    expect(await checkRpcV2Signature('GET', { ...params, Signature }, 'secret')).toBe(true);
    expect(
      await checkRpcV2Signature('GET', { ...params, Signature, RegionId: 'cn-shanghai' }, 'secret'),
    ).toBe(true);
  });

  it("accepts the Aliplayer SDK's looser encoding (first + * %7E only, !'() left alone)", async () => {
    const sdk = (v: string) =>
      encodeURIComponent(v).replace('+', '%2B').replace('*', '%2A').replace('%7E', '~');
    const Signature = createHmac('sha1', 'secret&')
      .update(rpcV2StringToSign('GET', params, sdk))
      .digest('base64');
    expect(Signature).not.toBe(oracle('GET', params, 'secret'));
    expect(await checkRpcV2Signature('GET', { ...params, Signature }, 'secret')).toBe(true);
  });

  it('refuses a wrong secret, method, changed or added parameter, or no signature', async () => {
    const Signature = await signRpcV2(params, 'secret');
    const signed = { ...params, Signature };
    expect(await checkRpcV2Signature('GET', signed, 'other')).toBe(false);
    expect(await checkRpcV2Signature('POST', signed, 'secret')).toBe(false);
    expect(await checkRpcV2Signature('GET', { ...signed, VideoId: 'video-2' }, 'secret')).toBe(
      false,
    );
    expect(await checkRpcV2Signature('GET', { ...signed, Extra: '1' }, 'secret')).toBe(false);
    expect(await checkRpcV2Signature('GET', params, 'secret')).toBe(false);
    expect(
      await checkRpcV2Signature('GET', { ...signed, Signature: `${Signature}A` }, 'secret'),
    ).toBe(false);
  });
});
