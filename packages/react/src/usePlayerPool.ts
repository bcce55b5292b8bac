import { retainPlayerPool } from '@playauth/core';
import { useEffect } from 'react';

/**
 * A `<PlayAuthProvider>`'s hold on the page's player pool: taken by the first `<VodPlayer>`
 * below it, given back when the provider unmounts. Nested providers share the outermost one's.
 */
export interface PlayerPoolLease {
  /** The pool size held, once held. */
  size?: number;
  /** Gives the hold back (the last one given back drains the pool); set while held. */
  release?: () => void;
}

/**
 * Holds the page's player pool (`retainPlayerPool` of `@playauth/core`) at `size` on behalf of
 * the provider that owns `lease`, until that provider unmounts; without a provider (`lease`
 * undefined) the pool stays off. Called by `<VodPlayer>`: the provider itself only gives the
 * hold back, so an app that only uses `usePlayAuth` carries no pool code.
 *
 * @param lease The provider's lease (`usePlayAuthConfig().poolLease`).
 * @param size Idle players kept. Default `2`; `0` turns reuse off.
 * @example
 * ```ts
 * const config = usePlayAuthConfig(props);
 * usePlayerPool(config.poolLease, config.playerPool);
 * ```
 */
export function usePlayerPool(lease: PlayerPoolLease | undefined, size = 2): void {
  useEffect(() => {
    if (!lease || lease.size === size) return;
    lease.release?.();
    const release = retainPlayerPool(size);
    lease.size = size;
    lease.release = () => {
      lease.size = lease.release = undefined;
      release();
    };
  }, [lease, size]);
}
