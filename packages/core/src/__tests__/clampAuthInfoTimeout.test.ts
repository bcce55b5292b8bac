import { describe, expect, it } from 'vitest';
import {
  clampAuthInfoTimeout,
  DEFAULT_AUTH_INFO_TIMEOUT,
  isValidAuthInfoTimeout,
  MAX_AUTH_INFO_TIMEOUT,
  MIN_AUTH_INFO_TIMEOUT,
} from '../clampAuthInfoTimeout';

describe('clampAuthInfoTimeout', () => {
  it('exposes the VOD limits', () => {
    expect([DEFAULT_AUTH_INFO_TIMEOUT, MIN_AUTH_INFO_TIMEOUT, MAX_AUTH_INFO_TIMEOUT]).toEqual([
      100, 100, 3000,
    ]);
  });

  it.each([
    [100, 100],
    [101, 101],
    [600, 600],
    [2999, 2999],
    [3000, 3000],
    [3001, 3000],
    [1e9, 3000],
    [99, 100],
    [0, 100],
    [-0, 100],
    [-500, 100],
    [250.9, 250],
    [100.5, 100],
    [99.99, 100],
    [3000.7, 3000],
    [Number.MAX_SAFE_INTEGER, 3000],
    [Number.MIN_VALUE, 100],
  ])('clamps the number %s to %s', (input, expected) => {
    expect(clampAuthInfoTimeout(input)).toBe(expected);
  });

  it.each([
    ['600', 600],
    ['5000', 3000],
    ['50', 100],
    ['0100', 100],
  ])('reads the digit string %j as %s', (input, expected) => {
    expect(clampAuthInfoTimeout(input)).toBe(expected);
  });

  it.each([
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    undefined,
    null,
    true,
    '',
    ' 600',
    '600 ',
    '600.5',
    '1e3',
    '0x200',
    '-600',
    'abc',
    {},
    [600],
    600n,
  ])('falls back to 100 for %s', (input) => {
    expect(clampAuthInfoTimeout(input)).toBe(DEFAULT_AUTH_INFO_TIMEOUT);
  });

  it('always returns an integer in range', () => {
    for (let n = -10; n < 4000; n += 37.3) {
      const out = clampAuthInfoTimeout(n);
      expect(Number.isInteger(out)).toBe(true);
      expect(out).toBeGreaterThanOrEqual(100);
      expect(out).toBeLessThanOrEqual(3000);
      expect(out).toBeLessThanOrEqual(Math.max(100, n));
    }
  });
});

describe('isValidAuthInfoTimeout', () => {
  it.each([100, 101, 600, 3000])('accepts %j', (value) => {
    expect(isValidAuthInfoTimeout(value)).toBe(true);
  });

  it.each([99, 3001, 600.5, '600', Number.NaN, Number.POSITIVE_INFINITY, null, undefined, 0, -100])(
    'refuses %j without correcting it',
    (value) => {
      expect(isValidAuthInfoTimeout(value)).toBe(false);
    },
  );
});
