import { beforeAll, describe, expect, test } from 'vitest';
import { type MountCycles, measureMountCycles } from '../jsdom/measureMountCycles';

// Figure 6's invariants (bench/README.md): mounting and unmounting <VodPlayer> leaves nothing
// behind. Counts only: the heap figure stays in `npm run bench`.
describe('50 mount/unmount cycles of <VodPlayer> (StrictMode, FakeAliplayer)', () => {
  let left: MountCycles;
  beforeAll(async () => {
    left = await measureMountCycles({ cycles: 50 });
  });

  test('every cycle reached playing', () => {
    expect(left.notPlaying).toBe(0);
  });

  test('disposes every player and none stays reachable after GC', () => {
    expect(left.notDisposed).toBe(0);
    expect(left.reachablePlayers).toBe(0);
  });

  test('removes every SDK listener before dispose()', () => {
    expect(left.listenersAtDispose).toBe(0);
  });

  test('leaves no timer pending 5 minutes after the last unmount', () => {
    expect(left.timersLeft).toBe(0);
  });

  test('keeps no detached container or <video> reachable', () => {
    expect(left.detachedReachable).toBe(0);
  });

  test('constructs one player per mount', () => {
    expect(left.constructedPerMount).toBe(1);
  });
});
