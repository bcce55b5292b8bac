import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { QueryClient } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { vi } from 'vitest';
import { advance } from './advance';
import { renderStrict } from './renderStrict';
import { type CountingEndpoint, startCountingEndpoint } from './startCountingEndpoint';

/** How many cycles {@link measureMountCycles} runs. */
export interface MountCyclesOptions {
  /** Measured mount/unmount cycles. */
  cycles: number;
  /** Cycles run (and not counted) first, so caches and JIT code are in place. Default 20. */
  warmUp?: number;
}

/** What is left over after the measured cycles; every count but the heap should be 0. */
export interface MountCycles {
  cycles: number;
  warmUp: number;
  /** Cycles whose player never reached `playing` (a broken player leaks nothing trivially). */
  notPlaying: number;
  /** Players never disposed. */
  notDisposed: number;
  /** Players still reachable after GC (WeakRefs). */
  reachablePlayers: number;
  /** SDK listeners still attached when `dispose()` ran, summed over all players. */
  listenersAtDispose: number;
  /** Pending fake timers 1 s after the last unmount (bounded ones such as the cache's gcTime). */
  timersAfter1s: number;
  /** Pending fake timers 5 min after the last unmount. */
  timersLeft: number;
  /** Detached containers and `<video>`s still reachable after GC. */
  detachedReachable: number;
  /** Players constructed per mount (StrictMode must not construct two). */
  constructedPerMount: number;
  /** heapUsed after GC before and after the measured cycles, bytes. */
  heapBefore: number;
  heapAfter: number;
}

/** Thrown when the process was started without `--expose-gc`, which leak counting needs. */
export class GcNotExposedError extends Error {
  constructor() {
    super(
      'measureMountCycles needs global gc(): run Node with --expose-gc (the Vitest projects that ' +
        'call it set `execArgv: ["--expose-gc"]`)',
    );
    this.name = 'GcNotExposedError';
  }
}

/**
 * Figure 6 (jsdom) and its invariants: `cycles` mount -> play -> unmount cycles of `<VodPlayer>`
 * (StrictMode, `FakeAliplayer`) under one QueryClient, as an app has, then counts what stayed
 * behind: players, listeners, timers, detached DOM (WeakRefs after a real GC). Runs inside Vitest
 * with jsdom in a process started with `--expose-gc`; restores real timers and `dispose`.
 *
 * @throws {GcNotExposedError} when `globalThis.gc` is missing.
 * @example
 * const left = await measureMountCycles({ cycles: 50 });
 * expect(left.reachablePlayers).toBe(0);
 */
export async function measureMountCycles({
  cycles,
  warmUp = 20,
}: MountCyclesOptions): Promise<MountCycles> {
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') throw new GcNotExposedError();
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  const endpoint = startCountingEndpoint();
  FakeAliplayer.reset();
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
  // One QueryClient for all cycles, as an app has: players come and go under it, and after the
  // first cycle the credential is already cached when a player mounts.
  const queryClient = new QueryClient();
  try {
    for (let i = 0; i < warmUp; i++) await cycle(endpoint, queryClient, undefined);
    await advance(300_000, 10_000);
    const heapBefore = await collectOnRealLoop();
    vi.useFakeTimers();
    const createdBefore = FakeAliplayer.created;
    listenersAtDispose = 0;

    const tracked: Tracked = { players: [], containers: [], videos: [], notPlaying: 0 };
    for (let i = 0; i < cycles; i++) await cycle(endpoint, queryClient, tracked);
    await advance(1000, 250);
    const timersAfter1s = vi.getTimerCount();
    // Past every bounded timer (the credential cache's gcTime is the validity, 100 s).
    await advance(300_000, 10_000);
    const timersLeft = vi.getTimerCount();
    flushLastRoot();
    const heapAfter = await collectOnRealLoop();
    const alive = <T extends object>(refs: WeakRef<T>[]) =>
      refs.map((ref) => ref.deref()).filter((value): value is T => value !== undefined);
    const detached = (refs: WeakRef<Element>[]) =>
      alive(refs).filter((el) => !el.isConnected).length;
    return {
      cycles,
      warmUp,
      notPlaying: tracked.notPlaying,
      notDisposed: FakeAliplayer.instances.length,
      reachablePlayers: alive(tracked.players).length,
      listenersAtDispose,
      timersAfter1s,
      timersLeft,
      detachedReachable: detached(tracked.containers) + detached(tracked.videos),
      constructedPerMount: (FakeAliplayer.created - createdBefore) / cycles,
      heapBefore,
      heapAfter,
    };
  } finally {
    FakeAliplayer.prototype.dispose = dispose;
    endpoint.close();
    FakeAliplayer.reset();
    vi.useRealTimers();
  }
}

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
async function cycle(
  endpoint: CountingEndpoint,
  queryClient: QueryClient,
  tracked: Tracked | undefined,
): Promise<void> {
  const unmount = renderStrict(
    <PlayAuthProvider endpoint={endpoint.endpoint} queryClient={queryClient}>
      <VodPlayer videoId="benchCycleVideo1" sdk={FakeAliplayer} autoplay muted />
    </PlayAuthProvider>,
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
  unmount();
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
