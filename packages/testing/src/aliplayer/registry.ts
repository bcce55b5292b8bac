import type { FakeAliplayerConfig } from './FakeAliplayerConfig';

interface Disposable {
  dispose(): void;
}

/**
 * Module state of FakeAliplayer, standing for one page: live players, counters, default config,
 * and whether the SDK's PlayAuth module has been loaded. `epoch` grows on every reset (a new
 * "page"), so that players from an earlier test never spring traps in a later one.
 */
export const registry = {
  live: [] as Disposable[],
  created: 0,
  epoch: 0,
  config: {} as FakeAliplayerConfig,
  /** Once true, players decode their PlayAuth inside the constructor, as the SDK does. */
  playAuthModuleLoaded: false,
};

/**
 * The `TypeError` the real SDK throws (uncaught) when a player is disposed while its PlayAuth
 * module (`module`, on a fresh page) or its GetPlayInfo (`getPlayInfo`) is still loading.
 */
export function strictTrapMessage(phase: 'module' | 'getPlayInfo'): string {
  const sdk =
    phase === 'module'
      ? "Cannot read properties of null (reading 'accessKeyId')"
      : "Cannot read properties of undefined (reading 'vodMediaInfo')";
  return `${sdk} [FakeAliplayer.strict: the real Aliplayer throws this when a player is disposed while its ${phase === 'module' ? 'PlayAuth module' : 'GetPlayInfo request'} is still loading. Construct players in a deferred task (so a same-tick dispose never constructs one) and dispose a loading player only after 'playInfoLoaded' or 'error'; or set FakeAliplayer.strict = false]`;
}

/** Counts a new player and lists it as live. */
export function registerPlayer(player: Disposable): void {
  registry.created += 1;
  registry.live.push(player);
}

/** Drops a disposed player from the live list. */
export function unregisterPlayer(player: Disposable): void {
  registry.live = registry.live.filter((live) => live !== player);
}

/** Disposes the live players and starts a new "page": counters, config and module state. */
export function resetRegistry(): void {
  for (const player of [...registry.live]) player.dispose();
  Object.assign(registry, {
    live: [],
    created: 0,
    config: {},
    epoch: registry.epoch + 1,
    playAuthModuleLoaded: false,
  });
}

/** Reports an error as uncaught (like one thrown in an event callback), or to `handler`. */
export function reportUncaught(error: unknown, handler?: (error: unknown) => void): void {
  if (handler) handler(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}
