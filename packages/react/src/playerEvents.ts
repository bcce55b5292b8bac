import type { AliplayerEvent, AliplayerEventName, PlayerController } from '@playauth/core';
import { useEffect, useInsertionEffect, useRef } from 'react';

/**
 * The one map from `<VodPlayer>` event props to Aliplayer events. Handlers survive renewals,
 * video switches and player re-creation (the controller bridges them).
 */
export const playerEvents = {
  onReady: 'ready',
  onPlay: 'play',
  onPause: 'pause',
  onEnded: 'ended',
  onTimeUpdate: 'timeupdate',
} as const satisfies Record<string, AliplayerEventName>;

type EventProp = keyof typeof playerEvents;

/** The event props of `<VodPlayer>`, typed from {@link playerEvents}. */
export type PlayerEventProps = {
  [P in EventProp]?: (event: AliplayerEvent<(typeof playerEvents)[P]>) => void;
};

/**
 * Subscribes the event props of {@link playerEvents} on `controller`. Only the props that are
 * set are subscribed; each call goes to the latest prop, so inline handlers neither go stale nor
 * cause re-subscriptions.
 *
 * @example
 * ```tsx
 * usePlayerEvents(controller, { onEnded: () => next(), onTimeUpdate: (e) => save(e) });
 * ```
 */
export function usePlayerEvents(controller: PlayerController, props: PlayerEventProps): void {
  const latest = useRef(props);
  useInsertionEffect(() => {
    latest.current = props;
  });
  const set = (Object.keys(playerEvents) as EventProp[]).filter((prop) => props[prop]).join();
  useEffect(() => {
    const offs = (set ? (set.split(',') as EventProp[]) : []).map((prop) =>
      controller.on(playerEvents[prop], (event: AliplayerEvent) =>
        (latest.current[prop] as ((event: AliplayerEvent) => void) | undefined)?.(event),
      ),
    );
    return () => {
      for (const off of offs) off();
    };
  }, [controller, set]);
}
