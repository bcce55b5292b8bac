import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_REFRESH_MARGIN_MS,
  isExpired,
  isFresh,
  refreshAt,
  refreshMarginMs,
} from '../credentialTiming';

const T0 = 1_700_000_000_000;
const lasting = (seconds: number) => ({ issuedAt: T0, expiresAt: T0 + seconds * 1000 });

afterEach(() => {
  vi.useRealTimers();
});

describe('refreshMarginMs', () => {
  it('defaults to the larger of 10 s and 10% of the validity', () => {
    expect(DEFAULT_REFRESH_MARGIN_MS).toBe(10_000);
    expect(refreshMarginMs(lasting(100))).toBe(10_000);
    expect(refreshMarginMs(lasting(50))).toBe(10_000);
    expect(refreshMarginMs(lasting(101))).toBe(10_100);
    expect(refreshMarginMs(lasting(600))).toBe(60_000);
    expect(refreshMarginMs(lasting(3000))).toBe(300_000);
  });

  it('takes a fixed margin in ms', () => {
    expect(refreshMarginMs(lasting(600), 5_000)).toBe(5_000);
    expect(refreshMarginMs(lasting(600), 0)).toBe(0);
  });

  it('takes a function of the validity', () => {
    const margin = vi.fn((validity: number) => validity / 4);
    expect(refreshMarginMs(lasting(600), margin)).toBe(150_000);
    expect(margin).toHaveBeenCalledWith(600_000);
  });

  it('never exceeds half of the validity, so a refresh cannot loop', () => {
    expect(refreshMarginMs(lasting(100), 90_000)).toBe(50_000);
    expect(refreshMarginMs(lasting(100), () => 1e12)).toBe(50_000);
    expect(refreshMarginMs(lasting(100), Number.POSITIVE_INFINITY)).toBe(50_000);
    // The default 10 s floor is capped too for a very short validity.
    expect(refreshMarginMs(lasting(8))).toBe(4_000);
  });

  it('falls back to the default for a negative or NaN margin', () => {
    expect(refreshMarginMs(lasting(600), -1)).toBe(60_000);
    expect(refreshMarginMs(lasting(600), Number.NaN)).toBe(60_000);
    expect(refreshMarginMs(lasting(600), () => -5)).toBe(60_000);
  });

  it('is 0 for a credential without validity', () => {
    expect(refreshMarginMs({ issuedAt: T0, expiresAt: T0 })).toBe(0);
    expect(refreshMarginMs({ issuedAt: T0, expiresAt: T0 - 1000 })).toBe(0);
  });
});

describe('refreshAt', () => {
  it('is expiresAt minus the margin', () => {
    expect(refreshAt(lasting(100))).toBe(T0 + 90_000);
    expect(refreshAt(lasting(3000))).toBe(T0 + 2_700_000);
    expect(refreshAt(lasting(600), 1_000)).toBe(T0 + 599_000);
    expect(refreshAt(lasting(600), (v) => v / 2)).toBe(T0 + 300_000);
  });

  it('always lies strictly after issuedAt for a positive validity', () => {
    for (const seconds of [1, 10, 100, 999, 3000]) {
      for (const margin of [undefined, 0, 1e9, (v: number) => v]) {
        const credential = lasting(seconds);
        expect(refreshAt(credential, margin)).toBeGreaterThan(credential.issuedAt);
        expect(refreshAt(credential, margin)).toBeLessThanOrEqual(credential.expiresAt);
      }
    }
  });
});

describe('isExpired', () => {
  it('is true from expiresAt on', () => {
    const credential = lasting(100);
    expect(isExpired(credential, T0)).toBe(false);
    expect(isExpired(credential, T0 + 99_999)).toBe(false);
    expect(isExpired(credential, T0 + 100_000)).toBe(true);
    expect(isExpired(credential, T0 + 100_001)).toBe(true);
  });

  it('defaults now to Date.now()', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const credential = lasting(100);
    vi.setSystemTime(T0 + 99_999);
    expect(isExpired(credential)).toBe(false);
    vi.setSystemTime(T0 + 100_000);
    expect(isExpired(credential)).toBe(true);
  });
});

describe('isFresh', () => {
  it('is true only before the refresh point', () => {
    const credential = lasting(100);
    expect(isFresh(credential, T0)).toBe(true);
    expect(isFresh(credential, T0 + 89_999)).toBe(true);
    expect(isFresh(credential, T0 + 90_000)).toBe(false);
    expect(isFresh(credential, T0 + 100_000)).toBe(false);
  });

  it('uses the given margin', () => {
    const credential = lasting(100);
    expect(isFresh(credential, T0 + 95_000, 1_000)).toBe(true);
    expect(isFresh(credential, T0 + 99_000, 1_000)).toBe(false);
  });

  it('defaults now to Date.now()', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const credential = lasting(600);
    vi.setSystemTime(T0 + 539_999);
    expect(isFresh(credential)).toBe(true);
    vi.setSystemTime(T0 + 540_000);
    expect(isFresh(credential)).toBe(false);
  });
});
