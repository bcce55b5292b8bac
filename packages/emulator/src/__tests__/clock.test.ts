import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from '../clock';

describe('clocks', () => {
  it('createManualClock moves only when told', () => {
    const clock = createManualClock(new Date('2026-01-05T08:00:00Z'));
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5, 8));
    expect(clock.advance(1500)).toBe(Date.UTC(2026, 0, 5, 8) + 1500);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5, 8) + 1500);
    expect(clock.set(42)).toBe(42);
    expect(clock.now()).toBe(42);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => createManualClock(new Date('nope'))).toThrow(RangeError);
  });

  it('defaults to the current time, and systemClock follows Date.now', () => {
    const before = Date.now();
    const clock = createManualClock();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(50);
  });
});
