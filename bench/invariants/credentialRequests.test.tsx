import { expect, test } from 'vitest';
import { measureCredentialRequests } from '../jsdom/measureCredentialRequests';

// Figure 3's invariant (bench/README.md): players of one video under one provider share one
// credential request, in StrictMode, and every one of them plays.
test.each([1, 10, 100])(
  '%i player(s) of one video make one credential request and all play',
  async (count) => {
    const ids = Array.from({ length: count }, () => 'benchSameVideo01');
    const result = await measureCredentialRequests(ids);
    expect(result.requests).toBe(1);
    expect(result.playing).toBe(count);
    // The endpoint counts every request: naive players (one fetch per effect) show more.
    expect(result.naive).toBeGreaterThanOrEqual(count);
  },
);

test('10 players of 10 distinct videos make one credential request each and all play', async () => {
  const ids = Array.from({ length: 10 }, (_, i) => `benchVideo${String(i).padStart(2, '0')}`);
  const result = await measureCredentialRequests(ids);
  expect(result.requests).toBe(10);
  expect(result.playing).toBe(10);
});
