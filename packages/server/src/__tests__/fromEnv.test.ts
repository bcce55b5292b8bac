import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVodClient } from '../createVodClient';
import { fromEnv } from '../fromEnv';
import { isVodApiError } from '../VodApiError';

const ID = 'LTAI5tEnvKeyId';
const SECRET = 'env-secret-value';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('fromEnv', () => {
  it('reads the AccessKey pair, and the token and region when set', () => {
    expect(
      fromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: ` ${ID} `,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
        ALIBABA_CLOUD_SECURITY_TOKEN: 'STS.tok',
        VOD_REGION: 'cn-beijing',
      }),
    ).toEqual({
      accessKeyId: ID,
      accessKeySecret: SECRET,
      securityToken: 'STS.tok',
      region: 'cn-beijing',
    });
    expect(
      fromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
        VOD_REGION: '',
      }),
    ).toEqual({
      accessKeyId: ID,
      accessKeySecret: SECRET,
    });
  });

  it('reads process.env by default, and its result makes a client', () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', ID);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', SECRET);
    vi.stubEnv('VOD_REGION', 'eu-central-1');
    expect(createVodClient(fromEnv()).endpoint).toBe('https://vod.eu-central-1.aliyuncs.com');
  });

  it.each([
    [{}, 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: '  ' }, 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: ID }, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET }, 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
  ])('names the missing variable (%j)', (env, missing) => {
    let error: unknown;
    try {
      fromEnv(env);
    } catch (e) {
      error = e;
    }
    expect(isVodApiError(error)).toBe(true);
    expect((error as Error).message).toContain(`${missing} is not set`);
    expect((error as Error).message).not.toContain(ID);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('fails clearly where there is no environment at all', () => {
    expect(() => fromEnv(undefined)).toThrow(/ALIBABA_CLOUD_ACCESS_KEY_ID is not set/);
  });
});
