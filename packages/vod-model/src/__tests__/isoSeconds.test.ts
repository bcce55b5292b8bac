import { isoSeconds } from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

describe('isoSeconds', () => {
  it('drops milliseconds, UTC', () => {
    expect(isoSeconds(Date.parse('2026-01-05T08:01:40.999Z'))).toBe('2026-01-05T08:01:40Z');
    expect(isoSeconds(0)).toBe('1970-01-01T00:00:00Z');
  });
});
