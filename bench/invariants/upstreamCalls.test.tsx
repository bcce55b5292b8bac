import { beforeAll, describe, expect, test } from 'vitest';
import { measureUpstreamCalls, type UpstreamCalls } from '../jsdom/measureUpstreamCalls';

// Figure 2's invariant (bench/README.md): one viewer-hour of <VodPlayer> costs at most two
// upstream GetVideoPlayAuth calls, whatever the validity, while the video keeps playing.
describe.each([100, 3000])('one viewer-hour of <VodPlayer>, AuthInfoTimeout %i s', (timeout) => {
  let watch: UpstreamCalls;
  beforeAll(async () => {
    watch = await measureUpstreamCalls({ authInfoTimeout: timeout, hours: 1 });
  });

  test('makes one or two credential requests (one upstream call each)', () => {
    expect(watch.firstHour).toBeGreaterThanOrEqual(1);
    expect(watch.firstHour).toBeLessThanOrEqual(2);
  });

  test('keeps the video playing to the end of the hour', () => {
    expect(watch.status).toBe('playing');
    expect(watch.position).toBeGreaterThan(3600 - 10);
  });

  test('costs fewer calls than refetching every validity window', () => {
    // The counter sees the naive loop's requests: ceil(3600 / timeout) of them.
    expect(watch.naiveFirstHour).toBe(Math.ceil(3600 / timeout));
    expect(watch.firstHour).toBeLessThanOrEqual(watch.naiveFirstHour);
  });
});
