import { describe, expect, it } from 'vitest';
import { isPlayAuthError } from '../PlayAuthError';
import { assertValidVideoId, isValidVideoId } from '../videoId';

const BAD: unknown[] = [
  '',
  'a'.repeat(65),
  'vidéo',
  '视频id',
  '../x',
  'a/b',
  '<script>',
  'a b',
  ' abc',
  'abc\n',
  'abc\t',
  'a.b',
  'a%2Fb',
  'a?b=c',
  'a&b',
  'ｆｕｌｌｗｉｄｔｈ',
  undefined,
  null,
  123,
  {},
];

describe('isValidVideoId', () => {
  it.each(['a', 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'A-Z_a-z_0-9', '-', '_', 'x'.repeat(64)])(
    'accepts %j',
    (id) => {
      expect(isValidVideoId(id)).toBe(true);
      expect(() => assertValidVideoId(id)).not.toThrow();
    },
  );

  it.each(BAD)('rejects %j', (id) => {
    expect(isValidVideoId(id)).toBe(false);
  });
});

describe('assertValidVideoId', () => {
  it.each(BAD)('throws InvalidParameter for %j', (id) => {
    let error: unknown;
    try {
      assertValidVideoId(id);
    } catch (e) {
      error = e;
    }
    expect(isPlayAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'InvalidParameter', retryable: false });
    expect((error as Error).message).toContain('must match [A-Za-z0-9_-]{1,64}');
  });

  it('names the offending id in the message', () => {
    expect(() => assertValidVideoId('../x')).toThrow('VideoId "../x" must match');
    expect(() => assertValidVideoId(42)).toThrow('VideoId number must match');
  });

  it('keeps the message short for huge ids', () => {
    let message = '';
    try {
      assertValidVideoId('y'.repeat(10_000));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('y'.repeat(80));
    expect(message.length).toBeLessThan(200);
  });
});
