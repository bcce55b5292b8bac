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
  /** JS heap growth per cycle after {@link HEAP_WARMUP} cycles (bytes). */
  heapPerCycle: number;
}

/** Cycles after which the heap is compared (JIT warm-up). */
const HEAP_WARMUP = 5;

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

/**
 * One series in a fresh page: a warm-up cycle, counters, `cycles` more cycles, counters again.
 * Each cycle mounts, waits for `playing`, unmounts. Counters are taken after 2 s of quiet and a
 * forced GC.
 */
async function runSeries(
  browser: Browser,
  pageUrl: string,
  series: SeriesMode,
  cycles: number,
  backend: Backend,
  sdkBase: string,
): Promise<Series> {
  const bench = await openBenchPage(browser, pageUrl, { initScript: TRACK_TIMERS });
  const problems: string[] = [];
  const mode: 'sdk' | 'ours' = series === 'sdk' ? 'sdk' : 'ours';
  const mountToPlaying: number[] = [];
  const mountOptions = {
    mode,
    pool: series === 'pool' ? POOL_SIZE : 0,
    endpoint: backend.endpoint,
    vod: backend.customVodServer,
    sdk: sdkBase,
    videoId: DEFAULT_VIDEO_IDS.testPattern,
    strict: true,
  };
  const cycle = async (index: number) => {
    const started = await bench.mount(mountOptions);
    const playing = await bench.playingAfter(started, 20_000);
    if (playing === null) problems.push(`${series} cycle ${index}: no playing within 20 s`);
    else if (index > 0) mountToPlaying.push(playing - started);
    // "Play 1 s", as a viewer scrolling a feed would.
    await bench.page.waitForTimeout(1_000);
    await bench.unmount();
  };
  const counters = async (): Promise<Counters> => {
    await bench.page.waitForTimeout(2000);
    await bench.collectGarbage();
    const leaks = await bench.page.evaluate(() => window.playauthPage?.leaks());
    if (!leaks) throw new Error('bench page API missing');
    const dom = await bench.cdp.send('Memory.getDOMCounters');
    const heap = await bench.cdp.send('Runtime.getHeapUsage');
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
      heapBytes: heap.usedSize,
      domNodes: dom.nodes,
      listeners: dom.jsEventListeners,
      globalListeners,
    };
  };
  try {
    await cycle(0);
    const before = await counters();
    let warm = before.heapBytes;
    for (let i = 1; i <= cycles; i++) {
      await cycle(i);
      // The heap is compared from here: V8's compiled code (InstructionStream, FeedbackVector…)
      // grows over the first cycles of any design and would drown what stays per cycle.
      if (i === HEAP_WARMUP) warm = (await counters()).heapBytes;
    }
    const after = await counters();
    problems.push(...bench.pageErrors.map((error) => `${series}: page error: ${error.message}`));
    problems.push(...bench.remoteRequests().map((url) => `request left the machine: ${url}`));
    return {
      before,
      after,
      problems,
      mountToPlaying,
      heapPerCycle: (after.heapBytes - warm) / (cycles - HEAP_WARMUP),
    };
  } finally {
    await bench.close();
  }
}

/**
 * Figure 6, browser half: `cycles` cycles of a feed (mount, play 1 s, unmount; StrictMode) with
 * the real SDK in Chromium, three designs each in its own page: `<VodPlayer>` under one
 * long-lived `<PlayAuthProvider>` with the player pool (`playerPool={2}`), the same with the pool
 * off (`playerPool={0}`), and the bare SDK (`new Aliplayer()` then `dispose()`, no playauth code).
 * Counted: reachable players, detached containers and `<video>`s (WeakRefs after a forced GC),
 * pending timers (wrapped timer functions), event listeners (CDP `Memory.getDOMCounters`), JS heap
 * (`Runtime.getHeapUsage`), as growth between the warm-up cycle and the last one; and the time
 * from mount to `playing`, pooled against new players (medians, same run).
 */
export async function measureBrowserCycles(
  browser: Browser,
  pageUrl: string,
  cycles: number,
): Promise<FigureRow[]> {
  const backend = await startBackend();
  const sdk = await startSdkServer();
  try {
    const run = (series: SeriesMode) =>
      runSeries(browser, pageUrl, series, cycles, backend, sdk.base);
    const pool = await run('pool');
    const off = await run('ours');
    const bare = await run('sdk');
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
        figure: `Leaks ${label}: JS heap growth per cycle (after ${HEAP_WARMUP} warm-up cycles), pool vs bare SDK`,
        ours: heap(pool),
        baseline: heap(bare),
        unit: 'KB/cycle',
        target: 'ratio <= 0.25',
        check: (v, b) => b != null && b > 0 && v <= 0.25 * b,
        note: `${offNote(heap(off))} KB/cycle; heap after GC (pool) ${Math.round(pool.before.heapBytes / 1024)} KB -> ${Math.round(pool.after.heapBytes / 1024)} KB; .prism-player nodes in the document: pool ${pool.after.prismNodes}, pool off ${off.after.prismNodes}`,
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
