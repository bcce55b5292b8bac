import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { QueryClient } from '@tanstack/react-query';
import { act, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, onTestFinished, test, vi } from 'vitest';
import { type FigureRow, row } from '../FigureRow';
import { advance } from './advance';
import { QUICK, recordRows } from './recordRows';
import { type CountingEndpoint, startCountingEndpoint } from './startCountingEndpoint';

const CYCLES = QUICK ? 50 : 500;
const WARM_UP = 20;

let endpoint: CountingEndpoint;
// One QueryClient for all cycles, as an app has: players come and go under it, and after the
// first cycle the credential is already cached when a player mounts.
const queryClient = new QueryClient();
beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  endpoint = startCountingEndpoint();
  FakeAliplayer.reset();
});
afterAll(() => {
  endpoint.close();
  FakeAliplayer.reset();
  vi.useRealTimers();
});

/**
 * GC on a real event-loop turn. Under fake timers everything runs as one long job, and V8 keeps
 * every WeakRef target created or read during the current job alive: the targets would look
 * leaked. Returns heapUsed after the GC. Leaves real timers on.
 */
async function collectOnRealLoop(): Promise<number> {
  vi.useRealTimers();
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc?.();
  }
  return process.memoryUsage().heapUsed;
}

interface Tracked {
  players: WeakRef<object>[];
  containers: WeakRef<Element>[];
  videos: WeakRef<Element>[];
  notPlaying: number;
}

/** One mount -> play -> unmount of `<VodPlayer>` in StrictMode under its own provider. */
async function cycle(tracked: Tracked | undefined): Promise<void> {
  const element = document.createElement('div');
  document.body.append(element);
  const root = createRoot(element);
  act(() =>
    root.render(
      <StrictMode>
        <PlayAuthProvider endpoint={endpoint.endpoint} queryClient={queryClient}>
          <VodPlayer videoId="benchCycleVideo1" sdk={FakeAliplayer} autoplay muted />
        </PlayAuthProvider>
      </StrictMode>,
    ),
  );
  await advance(1500, 250);
  const player = FakeAliplayer.latest;
  if (tracked) {
    if (player?.getStatus() !== 'playing') tracked.notPlaying++;
    if (player) {
      tracked.players.push(new WeakRef(player));
      tracked.containers.push(new WeakRef(player.container));
      if (player.tag) tracked.videos.push(new WeakRef(player.tag));
    }
  }
  act(() => root.unmount());
  element.remove();
}

/**
 * React DOM keeps the fiber of the last event target in a module variable (`return_targetInst`,
 * found with a heap snapshot) until the next event: one event on an unrelated element moves it
 * on, so only what the players themselves left behind stays reachable.
 */
function flushLastRoot(): void {
  const element = document.createElement('div');
  document.body.append(element);
  const root = createRoot(element);
  act(() => root.render(<button type="button" onClick={() => undefined} />));
  act(() => element.querySelector('button')?.click());
  act(() => root.unmount());
  element.remove();
}

test('figure 6 (jsdom): mount/unmount cycles with FakeAliplayer', async () => {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    throw new Error('run with --expose-gc (bench/vitest.config.ts sets it)');
  }
  // Handlers still attached when dispose() runs: the controller must `off` each one first.
  // (A plain wrapper, not vi.spyOn: a spy's mock.contexts would keep every player alive.)
  let listenersAtDispose = 0;
  const dispose = Object.getOwnPropertyDescriptor(FakeAliplayer.prototype, 'dispose')?.value as (
    this: FakeAliplayer,
  ) => void;
  FakeAliplayer.prototype.dispose = function (this: FakeAliplayer) {
    listenersAtDispose += this.listenerCount();
    dispose.call(this);
  };
  onTestFinished(() => {
    FakeAliplayer.prototype.dispose = dispose;
  });

  for (let i = 0; i < WARM_UP; i++) await cycle(undefined);
  await advance(300_000, 10_000);
  const heapBefore = await collectOnRealLoop();
  vi.useFakeTimers();
  const createdBefore = FakeAliplayer.created;
  listenersAtDispose = 0;

  const tracked: Tracked = { players: [], containers: [], videos: [], notPlaying: 0 };
  for (let i = 0; i < CYCLES; i++) await cycle(tracked);
  await advance(1000, 250);
  const timersAfter1s = vi.getTimerCount();
  // Past every bounded timer (the credential cache's gcTime is the validity, 100 s).
  await advance(300_000, 10_000);
  const timersLeft = vi.getTimerCount();
  flushLastRoot();
  const heapAfter = await collectOnRealLoop();
  const alive = <T extends object>(refs: WeakRef<T>[]) =>
    refs.map((ref) => ref.deref()).filter((value): value is T => value !== undefined);
  const detached = (refs: WeakRef<Element>[]) => alive(refs).filter((el) => !el.isConnected).length;
  const constructed = (FakeAliplayer.created - createdBefore) / CYCLES;
  const label = `after ${CYCLES} mount/unmount cycles (jsdom, FakeAliplayer, StrictMode)`;
  const zero = (v: number) => v === 0 && tracked.notPlaying === 0;
  const rows: FigureRow[] = [
    row({
      id: '6a',
      figure: `Leaks ${label}: live players (not disposed) + players still reachable`,
      ours: FakeAliplayer.instances.length + alive(tracked.players).length,
      unit: 'count',
      target: '0',
      invariant: true,
      check: zero,
      note: `${FakeAliplayer.instances.length} not disposed, ${alive(tracked.players).length} reachable after GC; ${tracked.notPlaying} cycle(s) did not reach playing`,
    }),
    row({
      id: '6b',
      figure: `Leaks ${label}: SDK listeners still attached when dispose() ran`,
      ours: listenersAtDispose,
      unit: 'count',
      target: '0',
      invariant: true,
      check: zero,
    }),
    row({
      id: '6c',
      figure: `Leaks ${label}: pending timers`,
      ours: timersLeft,
      unit: 'count',
      target: '0',
      invariant: true,
      check: zero,
      note: `fake-timer count 5 min after the last unmount; 1 s after: ${timersAfter1s} (bounded ones, e.g. the credential cache's gcTime)`,
    }),
    row({
      id: '6d',
      figure: `Leaks ${label}: detached containers + <video>s still reachable`,
      ours: detached(tracked.containers) + detached(tracked.videos),
      unit: 'count',
      target: '0',
      invariant: true,
      check: zero,
    }),
    row({
      id: '6j',
      figure: 'Players constructed per mount (StrictMode, jsdom)',
      ours: constructed,
      unit: 'per mount',
      target: '1',
      invariant: true,
      check: (v) => v === 1,
    }),
    row({
      id: '6k',
      figure: `Heap growth ${label}`,
      ours: Math.round((heapAfter - heapBefore) / CYCLES / 102.4) / 10,
      unit: 'KB/cycle',
      target: '',
      note: `heapUsed after GC ${Math.round(heapBefore / 1024)} KB -> ${Math.round(heapAfter / 1024)} KB (after ${WARM_UP} warm-up cycles); heap snapshots diffed when this benchmark was written put the growth in V8's JIT code and jsdom's selector cache (one parsed \`#playauth-…\` selector per player id), none of it reachable from a player`,
    }),
  ];
  recordRows('mountCycles', rows);
});
