import { type RedisServerProcess, startRedisServer } from '../../dev/startRedisServer';
import { type FigureRow, row } from '../FigureRow';
import type { FleetInstanceConfig } from '../fleet/fleetHandler';
import { startFleet } from '../fleet/startFleet';
import { percentile, runLoad } from '../runLoad';
import { forkLoadServer, type LoadServerProcess } from '../servers/forkLoadServer';
import type { EmulatorInfo } from '../servers/loadServer';

const INSTANCES = 4;
const TOTAL = 2000;
const CONCURRENCY = 200;
const VIDEOS = 20;
const ABUSER_PER_S = 50;
const VIEWERS = 20;
const LOAD_S = 10;
/** The account quota, scaled from VOD's 360 calls/s to what one 2-core machine drives. */
const QUOTA_PER_S = 40;
const LIMIT = { points: 20, durationS: 10 };

let lastNetworkError: unknown;

async function get(url: string, viewer?: string): Promise<number> {
  try {
    const response = await fetch(url, viewer ? { headers: { 'x-viewer': viewer } } : undefined);
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    lastNetworkError = error;
    return 0;
  }
}

async function upstreamCalls(
  emulator: LoadServerProcess<EmulatorInfo>,
  size: number,
  config: FleetInstanceConfig,
  load: (endpoints: string[]) => Promise<unknown>,
): Promise<number> {
  const fleet = await startFleet(emulator.info, size, config);
  try {
    await emulator.send({ cmd: 'clear' });
    await load(fleet.endpoints);
    return (await emulator.send({ cmd: 'count' })) as number;
  } finally {
    await fleet.close();
  }
}

/** One abusive client at 50 requests/s and 20 viewers at 1 request/s each, for 10 s (open loop). */
async function mixedLoad(endpoint: string, videoIds: string[]) {
  const viewer = { ok: 0, total: 0 };
  const abuser = { ok: 0, total: 0 };
  const pending: Promise<void>[] = [];
  const send = (tally: typeof viewer, url: string, key: string) => {
    tally.total++;
    pending.push(
      get(url, key).then((status) => {
        if (status === 200) tally.ok++;
      }),
    );
  };
  const started = performance.now();
  let sent = 0;
  for (let tick = 0; tick < LOAD_S * ABUSER_PER_S; tick++) {
    // Every request of the abuser is new to the store (another video or validity): each costs a call.
    const id = videoIds[tick % videoIds.length];
    send(abuser, `${endpoint}?VideoId=${id}&AuthInfoTimeout=${100 + (tick % 2900)}`, 'abuser');
    if (tick % ABUSER_PER_S === 0) {
      const second = tick / ABUSER_PER_S;
      for (let v = 0; v < VIEWERS; v++) {
        // Each viewer opens another video every second, with its own player's validity.
        const video = videoIds[(v + second) % videoIds.length];
        send(viewer, `${endpoint}?VideoId=${video}&AuthInfoTimeout=${600 + v * 60}`, `viewer-${v}`);
      }
    }
    sent++;
    const due = started + (sent * 1000) / ABUSER_PER_S;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  await Promise.all(pending);
  return { viewer, abuser };
}

/**
 * Figure 8: the credential backend as a fleet.
 * - 8a-8c: 4 handler processes behind a round-robin, 2000 requests at 200 concurrent over 20
 *   videos against the emulator; upstream calls and latency with the Redis store vs each
 *   process's memory.
 * - 8d-8f: one handler, the account quota modelled at 40 calls/s; one client at 50 requests/s
 *   (each a new video/validity) and 20 viewers at 1 request/s for 10 s; the viewers' success
 *   rate and the upstream calls with a per-viewer limit (20 per 10 s, Redis) vs none.
 */
export async function measureFleet(): Promise<FigureRow[]> {
  let redis: RedisServerProcess | undefined;
  const emulator = await forkLoadServer<EmulatorInfo>(['emulator']);
  try {
    redis = await startRedisServer();
    const { videoIds } = emulator.info;
    // Request i goes to instance i % 4 and asks for video floor(i / 4) % 20, so every instance
    // sees every video (with `i % 20` an instance would only ever see 5 of them).
    const roundRobin = (endpoints: string[]) => (i: number) =>
      `${endpoints[i % endpoints.length]}?VideoId=${videoIds[Math.floor(i / endpoints.length) % VIDEOS]}&AuthInfoTimeout=100`;
    const latencies: Record<'memory' | 'redis', number[]> = { memory: [], redis: [] };
    const burst = (store: 'memory' | 'redis') => (endpoints: string[]) => {
      const url = roundRobin(endpoints);
      return runLoad(TOTAL, CONCURRENCY, async (i) => {
        const status = await get(url(i));
        if (status !== 200) {
          throw new Error(`fleet request ${i} answered ${status}`, { cause: lastNetworkError });
        }
      }).then((ms) => {
        latencies[store] = ms;
      });
    };
    const memoryCalls = await upstreamCalls(
      emulator,
      INSTANCES,
      { store: 'memory' },
      burst('memory'),
    );
    const redisCalls = await upstreamCalls(
      emulator,
      INSTANCES,
      { store: 'redis', redisUrl: redis.url },
      burst('redis'),
    );
    const load = `${INSTANCES} processes, ${TOTAL} requests at ${CONCURRENCY} concurrent over ${VIDEOS} videos`;
    const latencyRow = (id: string, p: number) =>
      row({
        id,
        figure: `Fleet latency p${p}, Redis store vs per-process memory (${load})`,
        ours: Math.round(percentile(latencies.redis, p) * 10) / 10,
        baseline: Math.round(percentile(latencies.memory, p) * 10) / 10,
        unit: 'ms',
        target: '',
      });
    const rows: FigureRow[] = [
      row({
        id: '8a',
        figure: `Fleet: upstream GetVideoPlayAuth calls, Redis store vs per-process memory (${load})`,
        ours: redisCalls,
        baseline: memoryCalls,
        unit: 'calls',
        target: `<= ${VIDEOS}`,
        check: (v) => v <= VIDEOS,
        note: 'one call per video per reuse window for the whole fleet; memory makes one per video per process',
      }),
      latencyRow('8b', 50),
      latencyRow('8c', 99),
    ];

    const limited: FleetInstanceConfig = {
      store: 'redis',
      redisUrl: redis.url,
      quotaPerS: QUOTA_PER_S,
      limit: { ...LIMIT, backend: 'redis' },
    };
    const open: FleetInstanceConfig = {
      store: 'redis',
      redisUrl: redis.url,
      quotaPerS: QUOTA_PER_S,
    };
    let on = { viewer: { ok: 0, total: 0 }, abuser: { ok: 0, total: 0 } };
    let off = on;
    const callsOn = await upstreamCalls(emulator, 1, limited, async ([endpoint]) => {
      on = await mixedLoad(endpoint as string, videoIds);
    });
    const callsOff = await upstreamCalls(emulator, 1, open, async ([endpoint]) => {
      off = await mixedLoad(endpoint as string, videoIds);
    });
    const rate = (t: { ok: number; total: number }) => Math.round((t.ok / t.total) * 1000) / 10;
    const mix = `1 client at ${ABUSER_PER_S} req/s + ${VIEWERS} viewers at 1 req/s for ${LOAD_S} s, account quota ${QUOTA_PER_S} calls/s`;
    rows.push(
      row({
        id: '8d',
        figure: `Per-viewer limit: well-behaved viewers' success rate, limiter on vs off (${mix})`,
        ours: rate(on.viewer),
        baseline: rate(off.viewer),
        unit: '%',
        target: '100',
        check: (v) => v === 100,
        note: `limit ${LIMIT.points} requests per ${LIMIT.durationS} s per viewer (createRedisRateLimiter); viewers ${on.viewer.ok}/${on.viewer.total} vs ${off.viewer.ok}/${off.viewer.total}`,
      }),
      row({
        id: '8e',
        figure: `Per-viewer limit: upstream calls, limiter on vs off (${mix})`,
        ours: callsOn,
        baseline: callsOff,
        unit: 'calls',
        target: '',
        note: 'calls that reached the emulator; calls refused by the modelled quota are not counted',
      }),
      row({
        id: '8f',
        figure: `Per-viewer limit: the abusive client's success rate, limiter on vs off (${mix})`,
        ours: rate(on.abuser),
        baseline: rate(off.abuser),
        unit: '%',
        target: '',
        note: `over the limit it gets 429 Throttling.User with Retry-After and costs no upstream call (${on.abuser.ok}/${on.abuser.total} vs ${off.abuser.ok}/${off.abuser.total})`,
      }),
    );
    return rows;
  } finally {
    await emulator.close();
    await redis?.stop();
  }
}
