import { describe, expect, it } from 'vitest';
import { sanitizeCoverUrl } from '../coverUrl';

describe('sanitizeCoverUrl', () => {
  it.each([
    ['https://cdn.example.com/cover.jpg', 'https://cdn.example.com/cover.jpg'],
    [
      'http://outin-123.oss-cn-shanghai.aliyuncs.com/c/1.jpg?x=1',
      'http://outin-123.oss-cn-shanghai.aliyuncs.com/c/1.jpg?x=1',
    ],
    ['HTTPS://CDN.example.com/A.jpg', 'https://cdn.example.com/A.jpg'],
    ['https://cdn.example.com/a b.jpg', 'https://cdn.example.com/a%20b.jpg'],
    ['https://127.0.0.1:8443/c.png', 'https://127.0.0.1:8443/c.png'],
  ])('keeps %j (normalised)', (input, expected) => {
    expect(sanitizeCoverUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://example.com/1',
    'file:///etc/passwd',
    'ftp://example.com/c.jpg',
    '//evil.example/c.jpg',
    '/relative/c.jpg',
    'c.jpg',
    ' https://cdn.example.com/c.jpg',
    '\thttps://cdn.example.com/c.jpg',
    'ht\ttps://cdn.example.com/c.jpg',
    'https:cdn.example.com/c.jpg',
    'https:/cdn.example.com/c.jpg',
    'https:///c.jpg',
    'https:\\\\evil.example/c.jpg',
    'https://',
    'https://[invalid/c.jpg',
    '',
    undefined,
    null,
    42,
    { href: 'https://cdn.example.com/c.jpg' },
  ])('drops %j', (input) => {
    expect(sanitizeCoverUrl(input)).toBeUndefined();
  });
});
