import { describe, expect, it } from 'vitest';
import { readSeconds } from '../readSeconds';

describe('readSeconds', () => {
  it.each([
    [0, 0],
    [12.5, 12.5],
    ['12', 12],
    ['135.6', 135.6],
  ])('reads %j as %j', (value, seconds) => {
    expect(readSeconds(value)).toBe(seconds);
  });

  it.each([-1, '-1', '1e3', ' 12', '', 'long', null, undefined, Number.NaN, Infinity, {}])(
    'reads %j as NaN',
    (value) => {
      expect(readSeconds(value)).toBeNaN();
    },
  );
});
