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
}

/**
 * One series in a fresh page: a warm-up cycle, counters, `cycles` more cycles, counters again.
 * Each cycle mounts, waits for `playing`, unmounts. Counters are taken after 2 s of quiet and a
 * forced GC.
 */
async function runSeries(
  browser: Browser,
  pageUrl: string,
  mode: 'ours' | 'sdk',
  cycles: number,
  backend: Backend,
  sdkBase: string,
): Promise<Series> {
  const bench = await openBenchPage(browser, pageUrl, { initScript: TRACK_TIMERS });
  const problems: string[] = [];
  const mountOptions = {
    mode,
    endpoint: backend.endpoint,
    vod: backend.customVodServer,
    sdk: sdkBase,
    videoId: DEFAULT_VIDEO_IDS.testPattern,
    strict: true,
  };
  const cycle = async (index: number) => {
    const started = await bench.mount(mountOptions);
    if ((await bench.playingAfter(started, 20_000)) === null) {
      problems.push(`${mode} cycle ${index}: no playing within 20 s`);
    }
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
    for (let i = 1; i <= cycles; i++) await cycle(i);
    const after = await counters();
    problems.push(...bench.pageErrors.map((error) => `${mode}: page error: ${error.message}`));
    problems.push(...bench.remoteRequests().map((url) => `request left the machine: ${url}`));
    return { before, after, problems };
  } finally {
    await bench.close();
  }
}

/**
 * Figure 6, browser half: `cycles` mount/play/unmount cycles of `<VodPlayer>` (StrictMode) with
 * the real SDK in Chromium, against the same cycles of the bare SDK (`new Aliplayer()` then
 * `dispose()`, no playauth code) in another page: reachable players, detached containers and
 * `<video>`s (WeakRefs after a forced GC), pending timers (wrapped timer functions), event
 * listeners (CDP `Memory.getDOMCounters`) and JS heap (`Runtime.getHeapUsage`), as growth
 * between the warm-up cycle and the last one.
 */
export async function measureBrowserCycles(
  browser: Browser,
  pageUrl: string,
  cycles: number,
): Promise<FigureRow[]> {
  const backend = await startBackend();
  const sdk = await startSdkServer();
  try {
    const ours = await runSeries(browser, pageUrl, 'ours', cycles, backend, sdk.base);
    const bare = await runSeries(browser, pageUrl, 'sdk', cycles, backend, sdk.base);
    const problems = [...new Set([...ours.problems, ...bare.problems])].slice(0, 5);
    // The SDK alone already leaks (see the notes): the target is that playauth adds nothing.
    const noMore = (v: number, b?: number | null) => b != null && v <= b;
    const target = '0 more than bare SDK';
    const label = `after ${cycles} cycles (real SDK, Chromium, StrictMode)`;
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
      return [...counts].map(([source, n]) => `${n}× ${source}`).join('; ');
    };
    const players = (s: Series) => s.after.players;
    const detached = (s: Series) => s.after.detachedContainers + s.after.detachedVideos;
    return [
      row({
        id: '6e',
        figure: `Leaks ${label}: player instances still reachable after GC`,
        ours: players(ours),
        baseline: players(bare),
        unit: 'count',
        target,
        check: noMore,
        note: [
          'baseline: the bare SDK (new Aliplayer + dispose, no playauth code), same cycles in another page',
          ...problems,
        ].join('; '),
      }),
      row({
        id: '6f',
        figure: `Leaks ${label}: detached containers + <video>s still reachable`,
        ours: detached(ours),
        baseline: detached(bare),
        unit: 'count',
        target,
        check: noMore,
      }),
      row({
        id: '6g',
        figure: `Leaks ${label}: event listeners (CDP DOM counters), growth`,
        ours: growth(ours, 'listeners'),
        baseline: growth(bare, 'listeners'),
        unit: 'count',
        target,
        check: noMore,
        note: `window/document listeners added — ours: ${globalGrowth(ours)}; bare SDK: ${globalGrowth(bare)}; DOM nodes +${growth(ours, 'domNodes')} (bare SDK +${growth(bare, 'domNodes')})`,
      }),
      row({
        id: '6h',
        figure: `Leaks ${label}: pending timers/intervals/animation frames, growth`,
        ours: growth(ours, 'timers'),
        baseline: growth(bare, 'timers'),
        unit: 'count',
        target,
        check: noMore,
        note: `pending after the last cycle — ours: ${timerSources(ours)}`,
      }),
      row({
        id: '6i',
        figure: `Leaks ${label}: JS heap growth per cycle`,
        ours: Math.round(growth(ours, 'heapBytes') / cycles / 102.4) / 10,
        baseline: Math.round(growth(bare, 'heapBytes') / cycles / 102.4) / 10,
        unit: 'KB/cycle',
        target: '',
        note: `heap after GC ${Math.round(ours.before.heapBytes / 1024)} KB -> ${Math.round(ours.after.heapBytes / 1024)} KB; .prism-player nodes left in the document: ${ours.after.prismNodes}`,
      }),
      row({
        id: '6l',
        figure: 'SDK players constructed per mount (StrictMode, Chromium)',
        ours: growth(ours, 'constructed') / cycles,
        baseline: growth(bare, 'constructed') / cycles,
        unit: 'per mount',
        target: '1',
        check: (v) => v === 1,
      }),
    ];
  } catch (error) {
    return [failedRow('6e', `Leaks after ${cycles} cycles (real SDK, Chromium)`, '0', error)];
  } finally {
    await sdk.close();
    await backend.close();
  }
}
