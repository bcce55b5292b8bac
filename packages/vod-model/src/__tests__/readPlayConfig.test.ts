import { describe, expect, it } from 'vitest';
import { readPlayConfig, withHlsUriToken } from '../readPlayConfig';

describe('readPlayConfig', () => {
  it('reads the SDK default `{}` and an absent or empty parameter as no config', () => {
    for (const raw of [undefined, '', '{}']) expect(readPlayConfig(raw)).toEqual({ config: {} });
  });

  it('takes MtsHlsUriToken out of the JSON, keeping the rest', () => {
    expect(readPlayConfig('{"MtsHlsUriToken":"t.1","PreviewTime":"20"}')).toEqual({
      config: { MtsHlsUriToken: 't.1', PreviewTime: '20' },
      hlsUriToken: 't.1',
    });
  });

  it.each(['{', '[]', 'null', '"x"', '{"MtsHlsUriToken":1}', '{"MtsHlsUriToken":""}'])(
    'refuses %s as InvalidParameter naming PlayConfig',
    (raw) => {
      expect(readPlayConfig(raw)).toMatchObject({
        status: 400,
        code: 'InvalidParameter',
        message: expect.stringContaining('PlayConfig'),
      });
    },
  );

  it('refuses a token over 2048 characters', () => {
    const raw = JSON.stringify({ MtsHlsUriToken: 'x'.repeat(2049) });
    expect(readPlayConfig(raw)).toMatchObject({ code: 'InvalidParameter' });
  });
});

describe('withHlsUriToken', () => {
  it('appends the token percent-encoded, with & or ?', () => {
    expect(withHlsUriToken('https://c/x.m3u8?auth_key=1-a-0-b', 'a+b/c=')).toBe(
      'https://c/x.m3u8?auth_key=1-a-0-b&MtsHlsUriToken=a%2Bb%2Fc%3D',
    );
    expect(withHlsUriToken('https://c/key', 't')).toBe('https://c/key?MtsHlsUriToken=t');
    expect(withHlsUriToken('https://c/key', undefined)).toBe('https://c/key');
  });
});
