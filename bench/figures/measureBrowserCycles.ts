import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Browser } from 'playwright-core';
import { type Backend, startBackend } from '../../e2e/harness';
import type { LeakCounts } from '../../e2e/page/PageApi';
import { openBenchPage } from '../browser/openBenchPage';
import { startSdkServer } from '../browser/startSdkServer';
import { type FigureRow, failedRow, row } from '../FigureRow';

/**
 * Init script: counts the page's pending timers (timeouts not yet fired or cleared, live
 * intervals, requested animation frames), so a loop left running after unmount shows up. A
 * string, not a function: tsx's transform would add helpers the page does not have.
 */
const TRACK_TIMERS = `(() => {
  const active = new Map();
  const wrap = (set, clear, once) => {
    const original = window[set];
    const originalClear = window[clear];
    window[set] = function (callback, ...rest) {
      let key;
      const wrapped = typeof callback === 'function'
        ? function (...args) { if (once) active.delete(key); return callback.apply(this, args); }
        : callback;
      const id = original.call(window, wrapped, ...rest);
      key = set + ':' + id;
      const stack = (new Error().stack || '').split('\\n').slice(2, 4).map((l) => l.trim()).join(' < ');
      active.set(key, set + '(' + (set === 'requestAnimationFrame' ? '' : (rest[0] || 0)) + ') ' + stack);
      return id;
    };
    window[clear] = function (id) {
      active.delete(set + ':' + id);
      return originalClear.call(window, id);
    };
  };
  wrap('setTimeout', 'clearTimeout', true);
  wrap('setInterval', 'clearInterval', false);
  wrap('requestAnimationFrame', 'cancelAnimationFrame', true);
  window.__benchTimers = { active: () => active.size, describe: () => [...active.values()] };
  // Counts SDK players constructed: loadAliplayer reads window.Aliplayer after the script ran.
  let Aliplayer;
  window.__benchConstructed = 0;
  Object.defineProperty(window, 'Aliplayer', {
    configurable: true,
    get: () => Aliplayer,
    set: (value) => {
      Aliplayer = typeof value !== 'function' ? value : new Proxy(value, {
        construct(target, args) { window.__benchConstructed++; return Reflect.construct(target, args); },
      });
    },
  });
})();`;

interface Counters extends LeakCounts {
  heapBytes: number;
  domNodes: number;
  listeners: number;
  /** Listeners on `window` and `document` by `target:type` (CDP DOMDebugger). */
  globalListeners: Record<string, number>;
  /** SDK players constructed so far. */
  constructed: number;
  /** Where the pending timers were set (delay and two stack frames). */
  timerSources: string[];
}

interface Series {
  before: Counters;
  after: Counters;
  problems: string[];
  /** Mount to first `playing` of each measured cycle (ms). */
  mountToPlaying: number[];
  /** JS heap after forced GCs, by cycle: every {@link HEAP_EVERY} cycles from {@link HEAP_WARMUP} on. */
  heap: Array<[cycle: number, bytes: number]>;
  /** JS heap growth per cycle: the least-squares slope of {@link Series.heap} (bytes). */
  heapPerCycle: number;
}

/**
 * Cycles before the heap is read: V8's compiled code (InstructionStream, deoptimization data of
 * React's and the SDK's functions tiering up) grows over the first cycles of any design, by
 * tens of KB per cycle, and would drown what stays per cycle.
 */
const HEAP_WARMUP = 10;

/** Cycles between two heap readings from {@link HEAP_WARMUP} on (and one after the last cycle). */
const HEAP_EVERY = 5;

/** The three designs measured side by side, each in its own page. */
type SeriesMode = 'pool' | 'ours' | 'sdk';

/** Idle players the pool series keeps (`<PlayAuthProvider playerPool={POOL_SIZE}>`). */
const POOL_SIZE = 2;

/** min/p25/median/p75/max of `values`, rounded. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
  return [0, 0.25, 0.5, 0.75, 1].map(at).join('/');
}

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Least-squares slope of `points` (y per x); 0 with fewer than two points. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mean = (pick: (p: [number, number]) => number) =>
    points.reduce((sum, p) => sum + pick(p), 0) / n;
  const mx = mean((p) => p[0]);
  const my = mean((p) => p[1]);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** One series in its own fresh page (its own renderer process and heap), driven cycle by cycle. */
async function openSeries(
  browser: Browser,
  pageUrl: string,
  series: SeriesMode,
  backend: Backend,
  sdkBase: string,
) {
  const bench = await openBenchPage(browser, pageUrl, { initScript: TRACK_TIMERS });
  const problems: string[] = [];
  const mountToPlaying: number[] = [];
  const heap: Array<[number, number]> = [];
  const mountOptions = {
    mode: series === 'sdk' ? ('sdk' as const) : ('ours' as const),
    pool: series === 'pool' ? POOL_SIZE : 0,
    endpoint: backend.endpoint,
    vod: backend.customVodServer,
    sdk: sdkBase,
    videoId: DEFAULT_VIDEO_IDS.testPattern,
    strict: true,
  };
  /** Mounts, waits for `playing`, plays 1 s (a viewer scrolling a feed), unmounts. */
  const cycle = async (index: number) => {
    const started = await bench.mount(mountOptions);
    const playing = await bench.playingAfter(started, 20_000);
    if (playing === null) problems.push(`${series} cycle ${index}: no playing within 20 s`);
    else if (index > 0) mountToPlaying.push(playing - started);
    await bench.page.waitForTimeout(1_000);
    await bench.unmount();
  };
  /** After 2 s of quiet: forced GCs (twice two), then the JS heap. */
  const quietHeap = async () => {
    await bench.page.waitForTimeout(2000);
    await bench.collectGarbage();
    await bench.collectGarbage();
    return (await bench.cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const counters = async (): Promise<Counters> => {
    const heapBytes = await quietHeap();
    const leaks = await bench.page.evaluate(() => window.playauthPage?.leaks());
    if (!leaks) throw new Error('bench page API missing');
    const dom = await bench.cdp.send('Memory.getDOMCounters');
    const globalListeners: Record<string, number> = {};
    for (const target of ['window', 'document']) {
      const { result } = await bench.cdp.send('Runtime.evaluate', { expression: target });
      if (!result.objectId) continue;
      const { listeners } = await bench.cdp.send('DOMDebugger.getEventListeners', {
        objectId: result.objectId,
      });
      for (const listener of listeners) {
        const key = `${target}:${listener.type}`;
        globalListeners[key] = (globalListeners[key] ?? 0) + 1;
      }
    }
    const extra = await bench.page.evaluate(() => ({
      constructed: window.__benchConstructed ?? -1,
      timerSources: window.__benchTimers?.describe() ?? [],
    }));
    return {
      ...leaks,
      ...extra,
      heapBytes,
      domNodes: dom.nodes,
      listeners: dom.jsEventListeners,
      globalListeners,
    };
  };
  return {
    series,
    cycle,
    counters,
    /** Records the heap after `index` cycles. */
    readHeap: async (index: number) => {
      heap.push([index, await quietHeap()]);
    },
    result: (before: Counters, after: Counters, cycles: number): Series => {
      problems.push(...bench.pageErrors.map((error) => `${series}: page error: ${error.message}`));
      problems.push(...bench.remoteRequests().map((url) => `request left the machine: ${url}`));
      // The final counters' heap is the last reading.
      const readings = [...heap, [cycles, after.heapBytes] as [number, number]];
      return {
        before,
        after,
        problems,
        mountToPlaying,
        heap: readings,
        heapPerCycle: slope(readings),
      };
    },
    close: () => bench.close(),
  };
}

/**
 * The three series side by side: a warm-up cycle each, counters, then `cycles` rounds in which
 * each page runs one cycle (the order rotates every round, so a noisy moment of this shared
 * machine falls on all three alike), the heap read every {@link HEAP_EVERY} rounds from
 * {@link HEAP_WARMUP} on, counters again.
 */
async function runSeries(
  browser: Browser,
  pageUrl: string,
  cycles: number,
  backend: Backend,
  sdkBase: string,
): Promise<Record<SeriesMode, Series>> {
  const modes: SeriesMode[] = ['pool', 'ours', 'sdk'];
  const runners: Array<Awaited<ReturnType<typeof openSeries>>> = [];
  try {
    for (const mode of modes)
      runners.push(await openSeries(browser, pageUrl, mode, backend, sdkBase));
    const each = <T>(run: (runner: (typeof runners)[number]) => Promise<T>) =>
      Promise.all(runners.map(run));
    for (const runner of runners) await runner.cycle(0);
    const before = await each((runner) => runner.counters());
    for (let i = 1; i <= cycles; i++) {
      for (let k = 0; k < runners.length; k++) {
        await runners[(i + k) % runners.length]?.cycle(i);
      }
      // The last reading is the final counters' heap.
      if (i >= HEAP_WARMUP && i < cycles && (i - HEAP_WARMUP) % HEAP_EVERY === 0) {
        await each((runner) => runner.readHeap(i));
      }
    }
    const after = await each((runner) => runner.counters());
    const results = runners.map(
      (runner, k) =>
        [
          runner.series,
          runner.result(before[k] as Counters, after[k] as Counters, cycles),
        ] as const,
    );
    return Object.fromEntries(results) as Record<SeriesMode, Series>;
  } finally {
    for (const runner of runners) await runner.close();
  }
}

/**
 * Figure 6, browser half: `cycles` cycles of a feed (mount, play 1 s, unmount; StrictMode) with
 * the real SDK in Chromium, three designs each in its own page, their cycles interleaved:
 * `<VodPlayer>` under one long-lived `<PlayAuthProvider>` with the player pool
 * (`playerPool={2}`), the same with the pool off (`playerPool={0}`), and the bare SDK
 * (`new Aliplayer()` then `dispose()`, no playauth code). Counted: reachable players, detached
 * containers and `<video>`s (WeakRefs after a forced GC), pending timers (wrapped timer
 * functions), event listeners (CDP `Memory.getDOMCounters`), as growth between the warm-up cycle
 * and the last one; the JS heap (`Runtime.getHeapUsage`) as the slope of readings after forced
 * GCs from cycle {@link HEAP_WARMUP} on; and the time from mount to `playing`, pooled against
 * new players (medians, same run).
 */
export async function measureBrowserCycles(
  browser: Browser,
  pageUrl: string,
  cycles: number,
): Promise<FigureRow[]> {
  const backend = await startBackend();
  const sdk = await startSdkServer();
  try {
    const {
      pool,
      ours: off,
      sdk: bare,
    } = await runSeries(browser, pageUrl, cycles, backend, sdk.base);
    const problems = [...new Set([...pool.problems, ...off.problems, ...bare.problems])].slice(
      0,
      5,
    );
    const label = `after ${cycles} feed cycles (mount, play 1 s, unmount; real SDK, Chromium, StrictMode)`;
    const growth = (
      s: Series,
      key: 'listeners' | 'timers' | 'heapBytes' | 'domNodes' | 'constructed',
    ) => s.after[key] - s.before[key];
    const globalGrowth = (s: Series) =>
      Object.entries(s.after.globalListeners)
        .map(([key, count]) => [key, count - (s.before.globalListeners[key] ?? 0)] as const)
        .filter(([, added]) => added > 0)
        .map(([key, added]) => `${key} +${added}`)
        .join(', ') || 'none';
    const timerSources = (s: Series) => {
      const counts = new Map<string, number>();
      for (const source of s.after.timerSources) {
        const short = source.replace(/\(?(?:https?|file):\/\/\S*\/([^/:]+):\d+:\d+\)?/g, '$1');
        counts.set(short, (counts.get(short) ?? 0) + 1);
      }
      return [...counts].map(([source, n]) => `${n}× ${source}`).join('; ') || 'none';
    };
    const players = (s: Series) => s.after.players;
    const detached = (s: Series) => s.after.detachedContainers + s.after.detachedVideos;
    const heap = (s: Series) => Math.round(s.heapPerCycle / 102.4) / 10;
    const offNote = (value: number) => `pool off (playerPool={0}): ${value}`;
    const atMost = (limit: number) => (v: number) => v <= limit;
    const pooledMs = median(pool.mountToPlaying);
    const newMs = median(off.mountToPlaying);
    return [
      row({
        id: '6e',
        figure: `Leaks ${label}: SDK players still reachable after GC, pool (${POOL_SIZE}) vs bare SDK`,
        ours: players(pool),
        baseline: players(bare),
        unit: 'count',
        target: `<= ${POOL_SIZE} (pool size)`,
        check: atMost(POOL_SIZE),
        note: [
          offNote(players(off)),
          'baseline: the bare SDK (new Aliplayer + dispose, no playauth code), same cycles in another page',
          ...problems,
        ].join('; '),
      }),
      row({
        id: '6f',
        figure: `Leaks ${label}: detached containers + <video>s still reachable, pool vs bare SDK`,
        ours: detached(pool),
        baseline: detached(bare),
        unit: 'count',
        target: `<= ${2 * POOL_SIZE}`,
        check: atMost(2 * POOL_SIZE),
        note: `${offNote(detached(off))}; pooled players wait in a hidden holder in <body> (connected, not detached)`,
      }),
      row({
        id: '6g',
        figure: `Leaks ${label}: event listeners (CDP DOM counters), growth, pool vs bare SDK`,
        ours: growth(pool, 'listeners'),
        baseline: growth(bare, 'listeners'),
        unit: 'count',
        target: 'ratio <= 0.25',
        check: (v, b) => b != null && v <= 0.25 * b,
        note: `${offNote(growth(off, 'listeners'))}; window/document listeners added — pool: ${globalGrowth(pool)}; pool off: ${globalGrowth(off)}; bare SDK: ${globalGrowth(bare)}; DOM nodes +${growth(pool, 'domNodes')} (pool off +${growth(off, 'domNodes')}, bare SDK +${growth(bare, 'domNodes')})`,
      }),
      row({
        id: '6h',
        figure: `Leaks ${label}: pending timers/intervals/animation frames, growth, pool vs bare SDK`,
        ours: growth(pool, 'timers'),
        baseline: growth(bare, 'timers'),
        unit: 'count',
        target: `<= ${POOL_SIZE}`,
        check: atMost(POOL_SIZE),
        note: `${offNote(growth(off, 'timers'))}; pending after the last cycle — pool: ${timerSources(pool)}; pool off: ${timerSources(off)}`,
      }),
      row({
        id: '6i',
        figure: `Leaks ${label}: JS heap growth per cycle (slope of the heap after forced GCs, cycles ${HEAP_WARMUP}-${cycles}), pool vs bare SDK`,
        ours: heap(pool),
        baseline: heap(bare),
        unit: 'KB/cycle',
        target: 'ratio <= 0.25',
        check: (v, b) => b != null && b > 0 && v <= 0.25 * b,
        note: `${offNote(heap(off))} KB/cycle; heap after GC (pool) ${Math.round(pool.before.heapBytes / 1024)} KB after the first cycle, ${pool.heap.map(([cycle, bytes]) => `${Math.round(bytes / 1024)} KB after ${cycle}`).join(', ')}; .prism-player nodes in the document: pool ${pool.after.prismNodes}, pool off ${off.after.prismNodes}`,
      }),
      row({
        id: '6l',
        figure: 'SDK players constructed per mount, pool off vs bare SDK (StrictMode, Chromium)',
        ours: growth(off, 'constructed') / cycles,
        baseline: growth(bare, 'constructed') / cycles,
        unit: 'per mount',
        target: '1',
        check: (v) => v === 1,
      }),
      row({
        id: '6m',
        figure: `SDK players constructed per mount with the pool (${POOL_SIZE}), after the warm-up cycle`,
        ours: growth(pool, 'constructed') / cycles,
        baseline: growth(off, 'constructed') / cycles,
        unit: 'per mount',
        target: '0',
        check: (v) => v === 0,
        note: 'baseline: pool off',
      }),
      row({
        id: '6n',
        figure: `Mount to first \`playing\`, pooled player vs a new one (real SDK, Chromium; median of ${cycles} cycles)`,
        ours: pooledMs === null ? null : Math.round(pooledMs),
        baseline: newMs === null ? null : Math.round(newMs),
        unit: 'ms',
        target: 'ratio < 1',
        check: (v, b) => b != null && v < b,
        note: `pooled ${spread(pool.mountToPlaying)}; new ${spread(off.mountToPlaying)} (min/p25/median/p75/max ms)`,
      }),
    ];
  } catch (error) {
    return [failedRow('6e', `Leaks after ${cycles} cycles (real SDK, Chromium)`, '0', error)];
  } finally {
    await sdk.close();
    await backend.close();
  }
}
