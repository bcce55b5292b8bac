import { describe, expect, it } from 'vitest';
import type { AliplayerErrorData } from '../Aliplayer';
import { isPlayAuthError, PlayAuthError } from '../PlayAuthError';
import { isPlayerError, PlayerError, toPlayerError } from '../PlayerError';

const data = (error_code: number, error_msg = 'boom'): AliplayerErrorData => ({
  error_code,
  error_msg,
  display_msg: 'Shown by the SDK',
  mediaId: 'v1',
});

describe('PlayerError', () => {
  it('is a PlayAuthError with a kind and the SDK code', () => {
    const error = new PlayerError('Player.4016', 'offline', { kind: 'network', playerCode: 4016 });
    expect(error).toBeInstanceOf(PlayAuthError);
    expect(error).toBeInstanceOf(Error);
    expect(isPlayAuthError(error)).toBe(true);
    expect(isPlayerError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'Player.4016', kind: 'network', playerCode: 4016 });
    expect(error.retryable).toBe(false);
  });

  it('is recognised across bundle copies by shape, and a plain PlayAuthError is not one', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'PlayAuthError',
      code: 'X',
      kind: 'sdk',
    });
    expect(isPlayerError(foreign)).toBe(true);
    expect(isPlayerError(new PlayAuthError('Timeout', 'slow'))).toBe(false);
    expect(isPlayerError({ kind: 'sdk' })).toBe(false);
  });
});

describe('toPlayerError', () => {
  it.each([
    [4002, 'credential', true, /expired or was rejected/],
    [4012, 'credential', false, /could not be decoded/],
    [4024, 'credential', true, /nonce/],
    [4500, 'notFound', true, /not found/],
    [4400, 'media', true, /play URL was refused/],
    [4025, 'media', true, /play URL was refused/],
    [4016, 'network', true, /network/],
    [4001, 'media', true, /error 4001/],
  ] as const)('maps %i to kind %s', (code, kind, retryable, message) => {
    const error = toPlayerError(data(code, 'detail from the SDK'));
    expect(error).toMatchObject({ code: `Player.${code}`, kind, retryable, playerCode: code });
    expect(error.message).toMatch(message);
    expect(error.message).toContain('detail from the SDK');
    expect(error.cause).toEqual(data(code, 'detail from the SDK'));
  });

  it('accepts a numeric string code as some SDK paths send', () => {
    const error = toPlayerError({ error_code: '4002' as unknown as number, error_msg: '' });
    expect(error).toMatchObject({ code: 'Player.4002', kind: 'credential', playerCode: 4002 });
  });

  it('maps a missing code to kind unknown', () => {
    const error = toPlayerError({ error_code: Number.NaN, error_msg: 'odd' });
    expect(error.kind).toBe('unknown');
    expect(error.code).toBe('Player.0');
  });

  it.each([4035, 4036, 4039, 4041])(
    'maps licence error %i to kind license, not retryable',
    (code) => {
      const error = toPlayerError(data(code), { pageHost: 'video.example.com' });
      expect(error.kind).toBe('license');
      expect(error.retryable).toBe(false);
    },
  );

  it('names the page domain and the option to set when no licence was given', () => {
    const error = toPlayerError(data(4036, 'License params are required'), {
      pageHost: 'video.example.com',
    });
    expect(error.message).toContain("license: { domain: 'video.example.com'");
    expect(error.message).toContain('file:');
  });

  it('names both domains when the licence is for another domain', () => {
    const error = toPlayerError(data(4039, 'Invalid license key'), {
      pageHost: 'video.example.com',
      license: { domain: 'other.org', key: 'k' },
    });
    expect(error.message).toContain("'other.org'");
    expect(error.message).toContain("'video.example.com'");
  });

  it('points at the key when the licence domain matches the page', () => {
    const error = toPlayerError(data(4039, 'Invalid license key'), {
      pageHost: 'www.example.com',
      license: { domain: 'example.com', key: 'k' },
    });
    expect(error.message).toContain('license.key');
    expect(error.message).toContain("'example.com'");
  });
});

describe('toPlayerError: refused HLS decryption key', () => {
  it.each([
    [4025, 'keyLoadError'],
    [4009, 'keyLoadError'],
    [4009, 'keyLoadTimeOut'],
  ])('%i with %s is KeyRefused, kind key, retryable, keeping the SDK code', (code, detail) => {
    const error = toPlayerError(data(code, detail));
    expect(error).toMatchObject({
      code: 'KeyRefused',
      kind: 'key',
      retryable: true,
      playerCode: code,
    });
    expect(error.message).toMatch(/^Decryption key refused.*retry with a new token/);
  });

  it('leaves other 4025s (a refused playlist or segment) as media errors', () => {
    expect(toPlayerError(data(4025, 'fragLoadError'))).toMatchObject({
      code: 'Player.4025',
      kind: 'media',
    });
  });
});
