// @vitest-environment jsdom
import { createPlayAuth, FakeAliplayer, type FakePlayInfo } from '@playauth/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LINGER_TIMEOUT_MS,
  LINGERING_ATTRIBUTE,
  lingeringPlayers,
  MAX_LINGERING_PLAYERS,
} from '../LingeringPlayers';
import { resetAliplayerLoader } from '../loadAliplayer';
import { PlayerController } from '../PlayerController';
import type { PlayerControllerOptions } from '../PlayerControllerOptions';
import { PlayerMount } from '../PlayerMount';
import { testCredential } from './testCredential';

const credential = testCredential;

let box: HTMLDivElement;
let uncaught: unknown[];
let controllers: PlayerController[];
/** How long GetPlayInfo takes (ms of fake time); `Infinity`: it never answers. */
let answerMs: number;

const flush = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const holder = () => document.querySelector<HTMLElement>(`[${LINGERING_ATTRIBUTE}]`);

function create(options: PlayerControllerOptions = {}): PlayerController {
  const controller = new PlayerController({ sdk: FakeAliplayer, ...options });
  controllers.push(controller);
  return controller;
}

/** A controller whose player is built and waiting for its GetPlayInfo answer. */
async function loading(controller = create()) {
  controller.attach(box);
  controller.load(credential());
  await flush(0);
  const player = FakeAliplayer.latest;
  if (player?.getStatus() !== 'init') throw new Error('no player waiting for play info');
  return { controller, player };
}

/** A fresh "page" (the SDK's PlayAuth module not loaded yet) whose GetPlayInfo takes `answerMs`. */
function freshPage(): void {
  FakeAliplayer.reset();
  FakeAliplayer.onUncaughtError = (error) => uncaught.push(error);
  FakeAliplayer.configure({
    playInfo: async (videoId): Promise<FakePlayInfo> => {
      await new Promise((resolve) => {
        if (Number.isFinite(answerMs)) setTimeout(resolve, answerMs);
      });
      return { url: `https://media.example/${videoId}.mp4`, duration: 60, title: videoId };
    },
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  resetAliplayerLoader();
  uncaught = [];
  answerMs = 50;
  freshPage();
  controllers = [];
  box = document.createElement('div');
  document.body.replaceChildren(box);
});

afterEach(() => {
  for (const controller of controllers) controller.dispose();
  lingeringPlayers.flush();
  FakeAliplayer.reset();
  vi.useRealTimers();
  expect(uncaught).toEqual([]);
});

describe('a player torn down while its GetPlayInfo is in flight', () => {
  it('the trap is real: disposing the SDK player directly throws when the answer arrives', async () => {
    const { player } = await loading();
    player.dispose();
    await flush(100);
    expect(uncaught).toHaveLength(1);
    expect(String(uncaught[0])).toContain("reading 'vodMediaInfo'");
    uncaught = [];
  });

  it('is hidden and detached at once, and disposed after the answer, without an uncaught error', async () => {
    const { controller, player } = await loading();
    const element = player.container;
    const appHandler = vi.fn();
    controller.on('playInfoLoaded', appHandler);
    controller.dispose();

    // Out of the app's container and out of view, still in the document for the SDK's lookups.
    expect(box.childElementCount).toBe(0);
    expect(element.isConnected).toBe(true);
    expect(element.parentElement).toBe(holder());
    expect(holder()?.hidden).toBe(true);
    expect(holder()?.style.display).toBe('none');
    expect(lingeringPlayers.size).toBe(1);
    expect(FakeAliplayer.instances).toContain(player);
    // Only the three listeners that wait for the answer stay.
    expect(player.listenerCount()).toBe(3);

    await flush(40);
    expect(FakeAliplayer.instances).toContain(player);
    await flush(20);
    expect(appHandler).not.toHaveBeenCalled();
    expect(FakeAliplayer.instances).not.toContain(player);
    expect(player.tag).toBeNull();
    expect(player.listenerCount()).toBe(0);
    expect(element.isConnected).toBe(false);
    expect(holder()).toBeNull();
    expect(lingeringPlayers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves the container usable at once by a new player, with its own element id', async () => {
    const { controller, player: first } = await loading();
    controller.dispose();
    controller.attach(box);
    controller.load(credential('v2'));
    await flush(0);
    const second = FakeAliplayer.latest;
    expect(second).not.toBe(first);
    expect(second?.container.parentElement).toBe(box);
    expect(second?.container.id).not.toBe(first.container.id);
    expect(box.childElementCount).toBe(1);

    await flush(100);
    expect(FakeAliplayer.instances).toEqual([second]);
    expect(controller.getSnapshot()).toMatchObject({ status: 'ready', videoId: 'v2' });
    expect(second?.getOptions().vid).toBe('v2');
  });

  it('also when the SDK still loads its PlayAuth module (fresh page)', async () => {
    const control = new PlayerMount(box, 'control-1', (id) => {
      return new FakeAliplayer({ id, vid: 'v1', playauth: createPlayAuth('v1') });
    });
    control.player.dispose();
    await flush(100);
    expect(uncaught).toHaveLength(1);
    expect(String(uncaught[0])).toContain("reading 'accessKeyId'");
    uncaught = [];
    freshPage(); // the module is loaded now: a fresh page again
    box.replaceChildren();

    const mount = new PlayerMount(box, 'fresh-1', (id) => {
      return new FakeAliplayer({ id, vid: 'v1', playauth: createPlayAuth('v1') });
    });
    expect(mount.loading).toBe(true);
    lingeringPlayers.retire(mount);
    expect(box.childElementCount).toBe(0);
    await flush(10);
    expect(lingeringPlayers.size).toBe(1);
    await flush(100);
    expect(lingeringPlayers.size).toBe(0);
    expect(FakeAliplayer.instances).toHaveLength(0);
  });

  it('is disposed once a renewal in flight has its answer', async () => {
    answerMs = 0;
    const controller = create();
    controller.attach(box);
    controller.load(credential());
    await flush(10);
    const player = FakeAliplayer.latest as FakeAliplayer;
    expect(controller.getSnapshot().status).toBe('ready');

    answerMs = 50;
    void controller.renew(credential());
    await flush(0);
    controller.dispose();
    expect(lingeringPlayers.size).toBe(1);
    expect(FakeAliplayer.instances).toContain(player);
    await flush(100);
    expect(lingeringPlayers.size).toBe(0);
    expect(FakeAliplayer.instances).toHaveLength(0);
  });

  it('keeps the video when an init-only option re-creates a loading player', async () => {
    const { controller, player: first } = await loading();
    controller.update({ loop: true });
    await flush(0);
    const second = FakeAliplayer.latest;
    expect(second).not.toBe(first);
    expect(second?.getOptions()).toMatchObject({ vid: 'v1', rePlay: true });
    await flush(100);
    expect(FakeAliplayer.instances).toEqual([second]);
    expect(controller.getSnapshot()).toMatchObject({ status: 'paused', sourceLoaded: true });
  });

  it('is disposed after LINGER_TIMEOUT_MS when the answer never comes', async () => {
    answerMs = Number.POSITIVE_INFINITY;
    const { controller, player } = await loading();
    controller.dispose();
    await flush(LINGER_TIMEOUT_MS - 1);
    expect(FakeAliplayer.instances).toContain(player);
    await flush(1);
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(lingeringPlayers.size).toBe(0);
    expect(holder()).toBeNull();
  });
});

describe('a settled player', () => {
  it('is disposed at once', async () => {
    answerMs = 0;
    const controller = create();
    controller.attach(box);
    controller.load(credential());
    await flush(10);
    const player = FakeAliplayer.latest as FakeAliplayer;
    expect(controller.getSnapshot().status).toBe('ready');
    controller.dispose();
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(player.listenerCount()).toBe(0);
    expect(lingeringPlayers.size).toBe(0);
    expect(holder()).toBeNull();
  });
});

describe('bounds', () => {
  it(`keeps at most ${MAX_LINGERING_PLAYERS} waiting, disposing the oldest first`, async () => {
    answerMs = Number.POSITIVE_INFINITY;
    const controller = create();
    const players: FakeAliplayer[] = [];
    for (let i = 0; i < MAX_LINGERING_PLAYERS + 4; i += 1) {
      players.push((await loading(controller)).player);
      controller.dispose();
      expect(lingeringPlayers.size).toBeLessThanOrEqual(MAX_LINGERING_PLAYERS);
    }
    expect(lingeringPlayers.size).toBe(MAX_LINGERING_PLAYERS);
    expect(FakeAliplayer.instances).toEqual(players.slice(4));
    expect(holder()?.childElementCount).toBe(MAX_LINGERING_PLAYERS);
    await flush(LINGER_TIMEOUT_MS);
    expect(lingeringPlayers.size).toBe(0);
    expect(FakeAliplayer.instances).toHaveLength(0);
  });

  it('500 mount/unmount cycles accumulate nothing', async () => {
    answerMs = 30;
    let most = 0;
    for (let i = 0; i < 500; i += 1) {
      // Half the cycles reuse a controller (StrictMode), half make a new one (remount).
      const controller = i % 2 === 0 ? create() : (controllers.at(-1) as PlayerController);
      await loading(controller);
      controller.dispose();
      most = Math.max(most, lingeringPlayers.size);
      await flush(10);
    }
    expect(FakeAliplayer.created).toBe(500);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    await flush(LINGER_TIMEOUT_MS);
    expect(lingeringPlayers.size).toBe(0);
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(box.childElementCount).toBe(0);
    expect(holder()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  }, 30_000);
});
