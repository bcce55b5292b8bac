import type { AliplayerEventName } from '@playauth/core';
import type { FakeAliplayer } from '@playauth/testing';
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
