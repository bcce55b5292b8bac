import { rpcV2StringToSign, signRpcV2 } from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../EmulatorError';
import { verifyRpcV2 } from '../verifyRpcV2';
import { v2Signature } from './signers';

const secrets = (id: string) => (id === 'ak' ? 'sk' : undefined);
const base = {
  Action: 'GetPlayInfo',
  AccessKeyId: 'ak',
  SignatureMethod: 'HMAC-SHA1',
  SignatureVersion: '1.0',
  SignatureNonce: 'n',
  VideoId: 'abc',
};

async function codeOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error instanceof EmulatorError ? error.code : 'not an EmulatorError';
  }
}

describe('V2 signatures', () => {
  it('builds METHOD&%2F&encode(sorted query) without Signature', () => {
    expect(rpcV2StringToSign('get', { b: '2 3', a: '1', Signature: 'x' })).toBe(
      'GET&%2F&a%3D1%26b%3D2%25203',
    );
  });

  it('signRpcV2 agrees with the independent test signer', async () => {
    const params = { ...base, Odd: "a b*c~d+e/f 视频 !'()" };
    expect(await signRpcV2(params, 'sk')).toBe(v2Signature('GET', params, 'sk'));
    expect(await signRpcV2(params, 'sk', 'POST')).toBe(v2Signature('POST', params, 'sk'));
  });

  it('verifies, and refuses a changed parameter, method or signature byte', async () => {
    const Signature = v2Signature('GET', base, 'sk');
    expect(await verifyRpcV2('GET', { ...base, Signature }, secrets)).toEqual({
      accessKeyId: 'ak',
    });
    expect(await codeOf(() => verifyRpcV2('POST', { ...base, Signature }, secrets))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(
      await codeOf(() => verifyRpcV2('GET', { ...base, VideoId: 'abd', Signature }, secrets)),
    ).toBe('SignatureDoesNotMatch');
    const flipped = `${Signature[0] === 'A' ? 'B' : 'A'}${Signature.slice(1)}`;
    expect(await codeOf(() => verifyRpcV2('GET', { ...base, Signature: flipped }, secrets))).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('accepts an unsigned RegionId (customVodServer) but not another unsigned parameter', async () => {
    const Signature = v2Signature('GET', base, 'sk');
    expect(
      await codeOf(() =>
        verifyRpcV2('GET', { ...base, Signature, RegionId: 'cn-shanghai' }, secrets),
      ),
    ).toBeUndefined();
    expect(
      await codeOf(() => verifyRpcV2('GET', { ...base, Signature, Extra: '1' }, secrets)),
    ).toBe('SignatureDoesNotMatch');
  });

  it('refuses missing parts, other methods/versions and unknown keys', async () => {
    const Signature = v2Signature('GET', base, 'sk');
    expect(await codeOf(() => verifyRpcV2('GET', base, secrets))).toBe('MissingParameter');
    expect(
      await codeOf(() => verifyRpcV2('GET', { ...base, AccessKeyId: '', Signature }, secrets)),
    ).toBe('MissingParameter');
    expect(
      await codeOf(() =>
        verifyRpcV2('GET', { ...base, SignatureMethod: 'HMAC-SHA256', Signature }, secrets),
      ),
    ).toBe('IncompleteSignature');
    expect(
      await codeOf(() =>
        verifyRpcV2('GET', { ...base, SignatureVersion: '2.0', Signature }, secrets),
      ),
    ).toBe('IncompleteSignature');
    expect(await codeOf(() => verifyRpcV2('GET', { ...base, Signature }, () => undefined))).toBe(
      'InvalidAccessKeyId.NotFound',
    );
  });
});
