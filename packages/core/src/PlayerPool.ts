import type { AliplayerConstructor } from './Aliplayer';
import type { PlayerMount } from './PlayerMount';
import { parkHidden } from './parkHidden';

/** An idle player: the SDK that built it, its init-only options (JSON), its mount. */
export type IdlePlayer = [sdk: AliplayerConstructor, key: string, mount: PlayerMount];

/**
 * The page's pool of SDK players kept for reuse across mounts. Aliplayer 2.37.7 never frees a
 * disposed player (its window and document listeners and a 7000 s timer keep it reachable), so a
 * page that mounts and unmounts players all day grows by one player per mount; reusing them stops
 * that growth.
 *
 * A `PlayerController` gives its player back on teardown ({@link putPooledPlayer}: paused, its
 * element parked in a hidden holder in `<body>`) unless the pool is full or off, or the player is
 * in an error state or still loading play info; the next controller with the same SDK and the
 * same init-only options (licence, skin, `options`, `loop`…) takes it ({@link takePooledPlayer})
 * and loads its video with `replayByVidAndPlayAuth`, after resetting what a new player would not
 * have (position, muted, volume, rate, cover; handlers were detached on teardown). `size` is 0
 * (off) until {@link retainPlayerPool} sets it, which `<PlayAuthProvider>` does (default 2).
 *
 * @example
 * ```ts
 * import { playerPool, retainPlayerPool } from '@playauth/core';
 * const release = retainPlayerPool(2); // keep up to 2 idle players for reuse
 * // ... controllers dispose and build players ...
 * playerPool.idle.length; // players waiting for reuse
 * release(); // the last release drains: every idle player is disposed
 * ```
 */
export const playerPool: { size: number; idle: IdlePlayer[] } = { size: 0, idle: [] };

let users = 0;

/** Sets the pool's size, disposing the oldest idle players beyond it. */
function resize(size: number): void {
  const { idle } = playerPool;
  playerPool.size = size;
  for (const [, , mount] of idle.splice(0, idle.length - size)) mount.destroy();
}

/**
 * Keeps up to `size` idle players in {@link playerPool} until the returned function is called
 * (once); the size set last wins, and the last release turns the pool off and drains it.
 *
 * @param size Idle players to keep: 0 (off) or more; `<PlayAuthProvider>` passes 2.
 * @example
 * ```ts
 * useEffect(() => retainPlayerPool(2), []);
 * ```
 */
export function retainPlayerPool(size: number): () => void {
  users++;
  resize(size);
  return () => {
    if (!--users) resize(0);
  };
}

/** Keeps `mount` paused and hidden for {@link takePooledPlayer}; `false` when full or off. */
export function putPooledPlayer(
  sdk: AliplayerConstructor,
  key: string,
  mount: PlayerMount,
): boolean {
  const { idle } = playerPool;
  if (idle.length >= playerPool.size) return false;
  const { player } = mount;
  player.pause();
  // The media pipeline goes now, while idle, not on the next mount's way to `playing` (a
  // <video> that still has a source tears it down when given the next one); an idle player
  // then holds no decoder or buffered media either.
  player.tag?.removeAttribute('src');
  player.tag?.load();
  parkHidden(mount.element);
  idle.push([sdk, key, mount]);
  return true;
}

/** An idle player built by `sdk` with init-only options `key`, taken out of the pool. */
export function takePooledPlayer(sdk: AliplayerConstructor, key: string): PlayerMount | undefined {
  const { idle } = playerPool;
  const index = idle.findIndex((entry) => entry[0] === sdk && entry[1] === key);
  return index < 0 ? undefined : idle.splice(index, 1)[0]?.[2];
}
