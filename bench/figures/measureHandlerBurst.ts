import { getOk } from '../getOk';
import { runLoad } from '../runLoad';
import type { LoadServerProcess } from '../servers/forkLoadServer';
import type { EmulatorInfo } from '../servers/loadServer';
import { withHandler } from '../servers/withHandler';

/** Upstream calls a burst of credential requests caused, with and without coalescing. */
export interface HandlerBurst {
  /** Requests in the burst, all in flight at once. */
  requests: number;
  /** Distinct VideoIds the burst spreads over. */
  videos: number;
  /** How long the emulator took to answer each GetVideoPlayAuth, ms. */
  upstreamLatencyMs: number;
  /** Upstream calls with coalescing on (the default): at most one per video. */
  coalesced: number;
  /** Upstream calls with coalescing off: one per request. */
  uncoalesced: number;
}

/** Requests {@link measureHandlerBurst} sends: 200 over the emulator's videos, 1 s upstream. */
export const HANDLER_BURST = { requests: 200, upstreamLatencyMs: 1000 } as const;

/**
 * Figure 7a and its invariant: a burst of {@link HANDLER_BURST} requests, all in flight at once,
 * through the real handler (its own process) to the emulator (`emulator`, another process, made
 * to answer after 1 s so the burst overlaps), once with coalescing and once without. Leaves the
 * emulator's latency at 0.
 *
 * @example
 * const emulator = await forkLoadServer<EmulatorInfo>(['emulator']);
 * const burst = await measureHandlerBurst(emulator);
 * expect(burst.coalesced).toBeLessThanOrEqual(burst.videos);
 */
export async function measureHandlerBurst(
  emulator: LoadServerProcess<EmulatorInfo>,
): Promise<HandlerBurst> {
  const { videoIds } = emulator.info;
  const { requests, upstreamLatencyMs } = HANDLER_BURST;
  const burst = (endpoint: string) =>
    runLoad(requests, requests, (i) =>
      getOk(`${endpoint}?VideoId=${videoIds[i % videoIds.length]}&AuthInfoTimeout=100`),
    );
  await emulator.send({ cmd: 'latency', ms: upstreamLatencyMs });
  try {
    const coalesced = await withHandler(emulator, true, burst);
    const uncoalesced = await withHandler(emulator, false, burst);
    return { requests, videos: videoIds.length, upstreamLatencyMs, coalesced, uncoalesced };
  } finally {
    await emulator.send({ cmd: 'latency', ms: 0 });
  }
}
