import {
  createPlayAuth,
  decodePlayAuth,
  encodePlayAuth,
  parseAuthInfo,
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
} from '@playauth/testing';
import { afterEach, describe, expect, test, vi } from 'vitest';

afterEach(() => vi.useRealTimers());

describe('PlayAuth decoding', () => {
  test('round-trips base64 JSON, including non-ASCII text', () => {
    const token = { AccessKeyId: 'a', AccessKeySecret: 'b', Region: 'cn-shanghai', Note: '视频 é' };
    const playauth = encodePlayAuth(token);
    expect(playauth).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(Buffer.from(playauth, 'base64').toString('utf8'))).toEqual(token);
    expect(decodePlayAuth(playauth)).toEqual(token);
  });

  test('decodes the smallest PlayAuth the SDK accepts (from the docs)', () => {
    const playauth = Buffer.from(
      '{"AccessKeyId":"a","AccessKeySecret":"b","Region":"cn-shanghai"}',
    ).toString('base64');
    expect(decodePlayAuth(playauth)).toEqual({
      AccessKeyId: 'a',
      AccessKeySecret: 'b',
      Region: 'cn-shanghai',
    });
  });

  test.each([
    ['not base64', '%%%'],
    ['not JSON', btoa('hello')],
    ['JSON but not an object', btoa('[1,2]')],
    ['invalid UTF-8', btoa('\xff\xfe')],
  ])('%s throws a SyntaxError', (_, playauth) => {
    expect(() => decodePlayAuth(playauth)).toThrow(SyntaxError);
  });
});

describe('createPlayAuth', () => {
  test('mints the real shape with ExpireTime = now + validity and the test identity', () => {
    vi.useFakeTimers({ now: Date.parse('2025-03-01T12:00:00.700Z') });
    const token = decodePlayAuth(createPlayAuth('video-1', { authInfoTimeout: 300 }));
    expect(token).toMatchObject({
      AccessKeyId: TEST_ACCESS_KEY_ID,
      AccessKeySecret: TEST_ACCESS_KEY_SECRET,
      Region: 'cn-shanghai',
      CustomerId: 1234567890,
      SecurityToken: expect.stringMatching(/^CAIS/),
    });
    expect(typeof token.AuthInfo).toBe('string');
    expect(parseAuthInfo(token)).toMatchObject({
      ExpireTime: '2025-03-01T12:05:00Z',
      MediaId: 'video-1',
    });
  });

  test('options override identity, clock and fields', () => {
    const token = decodePlayAuth(
      createPlayAuth('v', {
        now: Date.parse('2030-01-01T00:00:00Z'),
        region: 'eu-central-1',
        accessKeyId: 'id',
        extra: { SecurityToken: undefined },
      }),
    );
    expect(token.Region).toBe('eu-central-1');
    expect(token.AccessKeyId).toBe('id');
    expect(token).not.toHaveProperty('SecurityToken');
    expect(parseAuthInfo(token)?.ExpireTime).toBe('2030-01-01T00:01:40Z');
  });

  test('parseAuthInfo returns undefined for an absent or opaque AuthInfo', () => {
    expect(parseAuthInfo({})).toBeUndefined();
    expect(parseAuthInfo({ AuthInfo: 'opaque' })).toBeUndefined();
  });
});
