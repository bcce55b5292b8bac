import type { AliplayerEvent, AliplayerEventName, PlayerController } from '@playauth/core';
import { useEffect, useInsertionEffect, useRef } from 'react';

/**
 * The one map from `<VodPlayer>` event props to Aliplayer events (a prop listed with two events
 * is called for either; `event.type` tells which). Handlers survive renewals, video switches and
 * player re-creation (the controller bridges them).
 */
export const playerEvents = {
  onReady: 'ready',
  onPlay: 'play',
  onPause: 'pause',
  onEnded: 'ended',
  onTimeUpdate: 'timeupdate',
  onWaiting: 'waiting',
  onCanPlay: 'canplay',
  onSeeking: 'seeking',
  onSeeked: 'seeked',
  onRateChange: 'ratechange',
  onVolumeChange: 'volumechange',
  /** `event.type` is `'requestFullScreen'` on entering, `'cancelFullScreen'` on leaving. */
  onFullscreenChange: ['requestFullScreen', 'cancelFullScreen'],
  /** The browser refused autoplay; the cover then shows its play button. */
  onAutoplayBlocked: 'autoPlayPrevented',
  /**
   * A `setDefinition` switch (handle or `definition` prop) is playing again at the kept position;
   * `event.paramData` is `{ definition, previous }`. Fired by the controller, not the SDK.
   */
  onDefinitionChange: 'definitionChange',
} as const satisfies Record<string, AliplayerEventName | readonly AliplayerEventName[]>;

type EventProp = keyof typeof playerEvents;
type Events<P extends EventProp> = (typeof playerEvents)[P] extends readonly (infer N)[]
  ? N & AliplayerEventName
  : (typeof playerEvents)[P] & AliplayerEventName;

/** The event props of `<VodPlayer>`, typed from {@link playerEvents}. */
export type PlayerEventProps = {
  [P in EventProp]?: (event: AliplayerEvent<Events<P>>) => void;
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
    const offs = (set ? (set.split(',') as EventProp[]) : []).flatMap((prop) =>
      [playerEvents[prop]]
        .flat()
        .map((name) =>
          controller.on(name, (event: AliplayerEvent) =>
            (latest.current[prop] as ((event: AliplayerEvent) => void) | undefined)?.(event),
          ),
        ),
    );
    return () => {
      for (const off of offs) off();
    };
  }, [controller, set]);
}
