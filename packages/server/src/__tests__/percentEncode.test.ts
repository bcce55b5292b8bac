import { describe, expect, it } from 'vitest';
import { percentEncode } from '../percentEncode';

describe('percentEncode (RFC 3986, as Alibaba Cloud signatures need)', () => {
  it.each([
    ['space', 'a b', 'a%20b'],
    ['asterisk', 'a*b', 'a%2Ab'],
    ['tilde stays', 'a~b', 'a~b'],
    ['plus', 'a+b', 'a%2Bb'],
    ['slash', 'a/b', 'a%2Fb'],
    ['reserved sub-delims', "!'()", '%21%27%28%29'],
    ['query delimiters', '=&?#', '%3D%26%3F%23'],
    ['percent itself', '100%', '100%25'],
    ['two-byte UTF-8', 'é', '%C3%A9'],
    ['three-byte UTF-8', '视频', '%E8%A7%86%E9%A2%91'],
    ['emoji (four bytes)', '😀', '%F0%9F%98%80'],
    ['unreserved set untouched', 'AZaz09-_.~', 'AZaz09-_.~'],
    ['control characters', '\n\t\0', '%0A%09%00'],
    ['empty', '', ''],
  ])('%s', (_, input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('encodes a lone surrogate as U+FFFD instead of throwing like encodeURIComponent', () => {
    expect(() => encodeURIComponent('\uD800')).toThrow();
    expect(percentEncode('a\uD800b')).toBe('a%EF%BF%BDb');
  });

  it('uses upper-case hex and agrees with encodeURIComponent plus the RFC 3986 extras', () => {
    const sample = Array.from({ length: 0x250 }, (_, i) => String.fromCharCode(i)).join('');
    const reference = encodeURIComponent(sample).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    expect(percentEncode(sample)).toBe(reference);
    expect(percentEncode(sample)).not.toMatch(/%[0-9A-F]?[a-f]/);
  });
});
