import { decodePlayAuth, encodePlayAuth } from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

describe('encodePlayAuth / decodePlayAuth', () => {
  it('round-trips a token, UTF-8 included, as base64 of its JSON', () => {
    const token = {
      AccessKeyId: 'STS.a',
      AccessKeySecret: 's',
      Region: 'cn-shanghai',
      T: '视频 ✓',
    };
    const playAuth = encodePlayAuth(token);
    expect(
      JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(playAuth), (c) => c.charCodeAt(0)))),
    ).toEqual(token);
    expect(decodePlayAuth(playAuth)).toEqual(token);
    expect(decodePlayAuth(`  ${playAuth}\n`)).toEqual(token);
  });

  it.each([
    ['not base64', '%%%'],
    ['base64 of non-JSON', btoa('hello')],
    ['base64 of a JSON array', btoa('[1]')],
    ['base64 of JSON null', btoa('null')],
    ['base64 of invalid UTF-8', btoa('\xff\xfe{}')],
  ])('throws SyntaxError for %s', (_, value) => {
    expect(() => decodePlayAuth(value)).toThrow(SyntaxError);
  });
});
