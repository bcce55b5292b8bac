import {
  PlayerController,
  type PlayerControllerOptions,
  type PlayerControllerUpdate,
  type PlayerSnapshot,
} from '@playauth/core';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';

/** What {@link usePlayerController} returns. */
export interface UsePlayerControllerResult {
  /** The controller: the same object for the component's whole life. */
  controller: PlayerController;
  /** Its current state; the component re-renders on every change. */
  snapshot: PlayerSnapshot;
}

/**
 * Owns a `PlayerController` for a component: made once (its constructor has no side effects, so
 * the extra one of a StrictMode double render is harmless), state read through
 * `useSyncExternalStore`, `options` pushed with `controller.update` after every render (it
 * compares by value, applies muted, cover and size live and re-creates the player for init-only
 * options), disposed on unmount. A disposed controller can be attached again, which is what a
 * StrictMode remount does.
 *
 * @example
 * ```tsx
 * const { controller, snapshot } = usePlayerController({ muted, getCredential });
 * useEffect(() => { if (element) controller.attach(element); }, [controller, element]);
 * ```
 */
export function usePlayerController(options: PlayerControllerOptions): UsePlayerControllerResult {
  const [controller] = useState(() => new PlayerController(options));
  const subscribe = useCallback(
    (onChange: () => void) => controller.subscribe(onChange),
    [controller],
  );
  const getSnapshot = useCallback(() => controller.getSnapshot(), [controller]);
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);

  // An inline loader function (`sdk={() => import('aliyun-aliplayer')}`) is new on every render;
  // treating that as a new source would re-create the player on every render.
  const sdk = useRef(options.sdk);
  useEffect(() => {
    const { sdk: next, ...rest } = options;
    const update: PlayerControllerUpdate = rest;
    if (typeof next !== 'function' || typeof sdk.current !== 'function') {
      sdk.current = next;
      update.sdk = next;
    }
    controller.update(update);
  });

  useEffect(() => () => controller.dispose(), [controller]);
  return { controller, snapshot };
}
