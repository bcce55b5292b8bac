import type { AliplayerEventName } from '@playauth/core';
import { createPlayAuth, FakeAliplayer, type FakeVideoCatalog } from '@playauth/testing';
import { afterEach, beforeEach, vi } from 'vitest';
import { CONTRACT_EVENT_ORDER } from '../contract/aliplayerScenarios';

/** Appends a container with a fresh id to the document. */
let counter = 0;
export function mountContainer(): HTMLDivElement {
  counter += 1;
  const element = document.createElement('div');
  element.id = `fake-player-${counter}`;
  document.body.append(element);
  return element;
}

/**
 * A page for each test: configures the fake with `videos`, mounts a container before each test
 * and resets the fake, the timers and the container after it.
 */
export function setUpFakeAliplayerPage(videos: FakeVideoCatalog): {
  readonly container: HTMLDivElement;
} {
  let container: HTMLDivElement | undefined;
  beforeEach(() => {
    FakeAliplayer.configure({ videos });
    container = mountContainer();
  });
  afterEach(() => {
    FakeAliplayer.reset();
    vi.useRealTimers();
    container?.remove();
  });
  return {
    get container() {
      if (!container)
        throw new Error('setUpFakeAliplayerPage: the container exists only inside a test');
      return container;
    },
  };
}

/** A second player on a fresh container, with a fresh PlayAuth for `vid` unless options give one. */
export function playerInNewContainer(
  vid: string,
  options: Record<string, unknown> = {},
): { player: FakeAliplayer; container: HTMLDivElement } {
  const container = mountContainer();
  const player = new FakeAliplayer({
    id: container.id,
    vid,
    playauth: createPlayAuth(vid),
    ...options,
  });
  return { player, container };
}

/** Records `name` or `name:paramData` of the given events, in order. */
export function recordEvents(player: FakeAliplayer, names: readonly AliplayerEventName[]) {
  const seen: string[] = [];
  const payloads: Array<{ type: string; paramData: unknown }> = [];
  for (const name of names) {
    player.on(name, (event) => {
      seen.push(event.type);
      payloads.push(event);
    });
  }
  return { seen, payloads, of: (name: string) => payloads.filter((e) => e.type === name) };
}

/** Resolves with the next `name` event (real timers). */
export function nextEvent(
  player: FakeAliplayer,
  name: AliplayerEventName,
): Promise<{ paramData: unknown }> {
  return new Promise((resolve) => player.one(name, resolve));
}

/** Every event the fake fires: the contract's start-up events, then the rest. */
export const ALL_EVENTS = [
  ...CONTRACT_EVENT_ORDER.filter(
    (name): name is Exclude<typeof name, 'readyCallback'> => name !== 'readyCallback',
  ),
  'autoplay',
  'autoPlayPrevented',
  'timeupdate',
  'pause',
  'ended',
  'seeking',
  'seeked',
  'error',
  'authkeyexpired',
  'volumechange',
] as const satisfies readonly AliplayerEventName[];
