import { describe, expect, it } from 'vitest';
import {
  base64url,
  checkHlsUriTokenSecret,
  constantTimeEqual,
  fromBase64url,
  importHlsUriTokenKeys,
} from '../hlsUriTokenKeys';
import { mintHlsUriToken, viewerHash } from '../mintHlsUriToken';
import { verifyHlsUriToken } from '../verifyHlsUriToken';

const A = 'secret-A-0123456789abcdef0123456789';
const B = 'secret-B-0123456789abcdef0123456789';
const T = Date.UTC(2026, 0, 1);

describe('mintHlsUriToken / verifyHlsUriToken', () => {
  it('round-trips videoId, expiry (whole seconds), a random id and a viewer hash; URL-safe', async () => {
    const keys = await importHlsUriTokenKeys([A]);
    const token = await mintHlsUriToken(keys, {
      videoId: 'v1',
      expiresAt: T + 100_500,
      viewer: 'u@x',
    });
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(token.length).toBeLessThan(200);
    expect(token).not.toContain('u@x');
    const checked = await verifyHlsUriToken(keys, token, T);
    expect(checked).toEqual({
      claims: {
        videoId: 'v1',
        expiresAt: T + 100_000,
        tokenId: expect.stringMatching(/^[\w-]{16}$/),
        viewerHash: await viewerHash(keys, 'u@x'),
      },
      keyIndex: 0,
    });
    const again = await mintHlsUriToken(keys, { videoId: 'v1', expiresAt: T + 100_500 });
    expect(again).not.toBe(token);
  });

  it('expires at the second it names: valid 1 ms before, refused at it', async () => {
    const keys = await importHlsUriTokenKeys([A]);
    const token = await mintHlsUriToken(keys, { videoId: 'v1', expiresAt: T + 60_000 });
    expect('claims' in (await verifyHlsUriToken(keys, token, T + 59_999))).toBe(true);
    expect(await verifyHlsUriToken(keys, token, T + 60_000)).toEqual({ refused: 'expired' });
  });

  it('rotation: the first secret signs, every listed one verifies; a dropped one no longer does', async () => {
    const old = await importHlsUriTokenKeys([B]);
    const rotated = await importHlsUriTokenKeys([A, B]);
    const token = await mintHlsUriToken(old, { videoId: 'v1', expiresAt: T + 60_000 });
    expect(await verifyHlsUriToken(rotated, token, T)).toMatchObject({ keyIndex: 1 });
    expect(await verifyHlsUriToken(await importHlsUriTokenKeys([A]), token, T)).toEqual({
      refused: 'signature',
    });
  });

  it('refuses malformed tokens and changed claims before trusting anything', async () => {
    const keys = await importHlsUriTokenKeys([A]);
    const token = await mintHlsUriToken(keys, { videoId: 'v1', expiresAt: T + 60_000 });
    const [, body = '', sig = ''] = token.split('.');
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(body)));
    const longer = base64url(
      new TextEncoder().encode(JSON.stringify({ ...claims, e: claims.e + 9999 })),
    );
    const other = base64url(new TextEncoder().encode(JSON.stringify({ ...claims, v: 'v2' })));
    expect(await verifyHlsUriToken(keys, `v1.${longer}.${sig}`, T)).toEqual({
      refused: 'signature',
    });
    expect(await verifyHlsUriToken(keys, `v1.${other}.${sig}`, T)).toEqual({
      refused: 'signature',
    });
    for (const bad of [
      '',
      'v1..',
      `v2.${body}.${sig}`,
      `v1.${body}`,
      `${token}.x`,
      `v1.${body}.${sig}=`,
    ]) {
      expect(await verifyHlsUriToken(keys, bad, T)).toEqual({ refused: 'malformed' });
    }
    // Signed but not a claims object: still refused.
    const junk = base64url(new TextEncoder().encode('[1,2]'));
    const { hmac } = await import('../hlsUriTokenKeys');
    expect(
      await verifyHlsUriToken(keys, `v1.${junk}.${await hmac(keys, `v1.${junk}`)}`, T),
    ).toEqual({
      refused: 'malformed',
    });
  });

  it('checks secrets at setup: at least 32 characters, or a non-empty list of such', () => {
    expect(checkHlsUriTokenSecret(A, 'f')).toEqual([A]);
    expect(checkHlsUriTokenSecret([A, B], 'f')).toEqual([A, B]);
    for (const bad of ['x'.repeat(31), [], [A, 'short'], undefined, 42]) {
      expect(() => checkHlsUriTokenSecret(bad, 'factory')).toThrow(/factory: hlsEncryption secret/);
    }
  });

  it('constantTimeEqual compares whole strings of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
