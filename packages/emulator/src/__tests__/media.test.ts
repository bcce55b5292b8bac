import { describe, expect, it } from 'vitest';
import { createMediaUrlSigner, parseRange } from '../media';

describe('parseRange', () => {
  it.each([
    [undefined, undefined],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=10-', { start: 10, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=5-1', undefined],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
    ['bytes=-', undefined],
  ])('%j of 1000 bytes -> %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('createMediaUrlSigner', () => {
  it('accepts its own keys until expiry, and refuses altered, foreign and other-path keys', () => {
    const signer = createMediaUrlSigner();
    const key = signer.sign('/media/a.mp4', 2000);
    expect(key).toMatch(/^2000-[0-9a-f]{32}-0-[0-9a-f]{32}$/);
    expect(signer.verify('/media/a.mp4', key, 1_999_999)).toBe('ok');
    expect(signer.verify('/media/a.mp4', key, 2_000_000)).toBe('expired');
    expect(signer.verify('/media/b.mp4', key, 0)).toBe('invalid');
    expect(signer.verify('/media/a.mp4', key.replace(/^2000/, '9999'), 0)).toBe('invalid');
    expect(createMediaUrlSigner().verify('/media/a.mp4', key, 0)).toBe('invalid');
    expect(signer.verify('/media/a.mp4', null, 0)).toBe('missing');
    expect(signer.verify('/media/a.mp4', 'garbage', 0)).toBe('malformed');
  });
});
