// @vitest-environment node
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HandlerBurst, measureHandlerBurst } from '../figures/measureHandlerBurst';
import { forkLoadServer, type LoadServerProcess } from '../servers/forkLoadServer';
import type { EmulatorInfo } from '../servers/loadServer';

// Figure 7a's invariant (bench/README.md): the handler coalesces a burst of requests for the
// same videos into one upstream GetVideoPlayAuth per video. Real processes on 127.0.0.1.
describe('a burst of 200 requests over 20 videos through createPlayAuthHandler', () => {
  let emulator: LoadServerProcess<EmulatorInfo> | undefined;
  let burst: HandlerBurst;
  beforeAll(async () => {
    emulator = await forkLoadServer<EmulatorInfo>(['emulator']);
    burst = await measureHandlerBurst(emulator);
  });
  afterAll(() => emulator?.close());

  test('makes one upstream call per video with coalescing on', () => {
    expect(burst.videos).toBe(20);
    expect(burst.coalesced).toBeGreaterThanOrEqual(1);
    expect(burst.coalesced).toBeLessThanOrEqual(burst.videos);
  });

  test('makes one upstream call per request with coalescing off', () => {
    expect(burst.uncoalesced).toBe(burst.requests);
  });
});
