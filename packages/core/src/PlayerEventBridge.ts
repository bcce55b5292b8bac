import type { Aliplayer, AliplayerEvent, AliplayerEventName } from './Aliplayer';

type AnyHandler = (event: AliplayerEvent) => void;

/**
 * `player.off(name, handler)`, and `handler` out of the SDK's record of every handler ever
 * passed to `on` (`__user_events__`, SDK 2.37.7), which `off` leaves there: a pooled player would
 * keep every earlier owner reachable through it (and re-attach them if the SDK reloads itself).
 */
function detach(player: Aliplayer, name: AliplayerEventName, handler: AnyHandler): void {
  player.off(name, handler);
  const stored =
    (player as { __user_events__?: Record<string, unknown[]> }).__user_events__?.[name] ?? [];
  // Not there: indexOf's -1 becomes 2 ** 32 - 1, past the end, and nothing is removed.
  stored.splice(stored.indexOf(handler) >>> 0, 1);
}

/** The owner's own handler per SDK event; each runs before the app's handlers of its event. */
export type InternalHandlers = {
  [N in AliplayerEventName]?: (player: Aliplayer, event: AliplayerEvent<N>) => void;
};

/**
 * Connects app handlers to whichever Aliplayer instance is current. The app's handlers live
 * here and survive player re-creation; the SDK only ever sees one bridge function per event
 * name, and `off` always gets that exact function (without it the SDK would also drop its own
 * UI listeners).
 */
export class PlayerEventBridge {
  readonly #handlers = new Map<AliplayerEventName, Set<AnyHandler>>();
  readonly #bridges = new Map<AliplayerEventName, AnyHandler>();
  #player: Aliplayer | undefined;

  readonly #internal: InternalHandlers;

  /** @param internal The owner's handlers; their events are always bridged while a player is connected. */
  constructor(internal: InternalHandlers) {
    this.#internal = internal;
  }

  /** Bridges the internal events and every event the app listens to on `player`. */
  connect(player: Aliplayer): void {
    this.disconnect();
    this.#player = player;
    // `#bridge` skips names already bridged.
    for (const name of [...Object.keys(this.#internal), ...this.#handlers.keys()]) {
      this.#bridge(name as AliplayerEventName);
    }
  }

  /** Detaches every bridge from the current player, passing the exact handler to `off`. */
  disconnect(): void {
    const player = this.#player;
    this.#player = undefined;
    if (player) for (const [name, bridge] of this.#bridges) detach(player, name, bridge);
    this.#bridges.clear();
  }

  /** Adds an app handler; returns the function that removes it. */
  add<N extends AliplayerEventName>(
    name: N,
    handler: (event: AliplayerEvent<N>) => void,
  ): () => void {
    const set = this.#handlers.get(name) ?? new Set<AnyHandler>();
    this.#handlers.set(name, set);
    set.add(handler as never);
    this.#bridge(name);
    return () => {
      set.delete(handler as never);
      if (set.size > 0 || this.#handlers.get(name) !== set) return;
      this.#handlers.delete(name);
      const bridge = this.#bridges.get(name);
      // A bridge only exists while a player is connected.
      if (bridge && !this.#internal[name]) {
        detach(this.#player as Aliplayer, name, bridge);
        this.#bridges.delete(name);
      }
    };
  }

  /** Delivers an event the owner fires itself (not the SDK) like an SDK event. */
  emit(event: AliplayerEvent): void {
    this.#bridges.get(event.type)?.(event);
  }

  #bridge(name: AliplayerEventName): void {
    const player = this.#player;
    if (!player || this.#bridges.has(name)) return;
    const bridge: AnyHandler = (event) => {
      if (player !== this.#player) return;
      this.#internal[name]?.(player, event as never);
      for (const handler of [...(this.#handlers.get(name) ?? [])]) {
        try {
          handler(event);
        } catch (error) {
          // A faulty app handler must not break the SDK's dispatch or our state: rethrow later.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    };
    this.#bridges.set(name, bridge);
    player.on(name, bridge);
  }
}
