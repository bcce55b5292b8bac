// @vitest-environment jsdom
import { FakeAliplayer } from '@playauth/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lingeringPlayers } from '../LingeringPlayers';
import { resetAliplayerLoader } from '../loadAliplayer';
import type { PlayAuthCredential } from '../PlayAuthCredential';
import { PlayerController } from '../PlayerController';
import type { PlayerControllerOptions } from '../PlayerControllerOptions';
import { playerPool, retainPlayerPool } from '../PlayerPool';
import { LINGERING_ATTRIBUTE } from '../parkHidden';
import { testCredential } from './testCredential';

const credential = (videoId?: string) => testCredential(videoId, 600);

let box: HTMLDivElement;
let controllers: PlayerController[];
let release: () => void;
const flush = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function create(options: PlayerControllerOptions = {}): PlayerController {
  const controller = new PlayerController({ sdk: FakeAliplayer, ...options });
  controllers.push(controller);
  return controller;
}

/** A controller playing `videoId` in `box` for a few seconds. */
async function playing(videoId = 'v1', options: PlayerControllerOptions = {}) {
  const controller = create(options);
  controller.attach(box);
  controller.load(credential(videoId));
  await flush(100);
  controller.play();
  await flush(5_000);
  const player = controller.player as unknown as FakeAliplayer;
  expect(controller.getSnapshot().status).toBe('playing');
  return { controller, player };
}

const holder = () => document.querySelector<HTMLElement>(`[${LINGERING_ATTRIBUTE}]`);

beforeEach(() => {
  vi.useFakeTimers();
  resetAliplayerLoader();
  FakeAliplayer.reset();
  controllers = [];
  box = document.createElement('div');
  document.body.replaceChildren(box);
  release = retainPlayerPool(2);
});

afterEach(() => {
  for (const controller of controllers) controller.dispose();
  release();
  lingeringPlayers.flush();
  FakeAliplayer.reset();
  vi.useRealTimers();
});

describe('player pool', () => {
  it('keeps a disposed player paused and hidden, and the next mount plays its video on it', async () => {
    const { controller, player } = await playing('v1');
    controller.dispose();
    expect(FakeAliplayer.instances).toEqual([player]);
    expect(player.getStatus()).not.toBe('playing');
    expect(holder()?.hidden).toBe(true);
    expect(holder()?.contains(player.container)).toBe(true);
    expect(playerPool.idle).toHaveLength(1);

    const next = create();
    next.attach(box);
    next.load(credential('v2'));
    await flush(100);
    next.play();
    await flush(2_000);
    expect(FakeAliplayer.created).toBe(1);
    expect(next.player).toBe(player);
    expect(box.contains(player.container)).toBe(true);
    expect(player.getOptions().vid).toBe('v2');
    expect(next.getSnapshot()).toMatchObject({ videoId: 'v2', status: 'playing' });
    expect(playerPool.idle).toHaveLength(0);
    // Nothing waits in the hidden holder any more.
    expect(holder()?.hasChildNodes() ?? false).toBe(false);
  });

  it("never carries the previous video's position, muted, volume, rate, cover or handlers", async () => {
    const { controller, player } = await playing('v1', { cover: 'https://img.example/v1.jpg' });
    const oldHandler = vi.fn();
    controller.on('playing', oldHandler);
    controller.setMuted(true);
    controller.setVolume(0.2);
    controller.setPlaybackRate(2);
    controller.seek(30);
    await flush(1_000);
    expect(controller.getCurrentTime()).toBeGreaterThan(29);
    controller.dispose();
    oldHandler.mockClear();

    const next = create();
    const newHandler = vi.fn();
    next.on('playing', newHandler);
    next.attach(box);
    next.load(credential('v2'));
    await flush(100);
    next.play();
    await flush(1_500);
    expect(next.player).toBe(player);
    expect(next.getSnapshot().status).toBe('playing');
    expect(next.getCurrentTime()).toBeLessThan(2);
    expect(player.muted).toBe(false);
    expect(next.getVolume()).toBe(1);
    expect(next.getPlaybackRate()).toBe(1);
    expect(player.getOptions().cover || undefined).toBeUndefined();
    expect(oldHandler).not.toHaveBeenCalled();
    expect(newHandler).toHaveBeenCalled();
    // Only the new controller's bridges (plus the mount's own) are attached.
    next.dispose();
    expect(player.listenerCount('playing')).toBe(0);
  });

  it("releases an idle player's media at once, not when the next mount gives it a source", async () => {
    // A <video> that still has a source tears its media pipeline down when it gets the next
    // one: in Chromium that sat between the next mount and its `playing` (issue 16, figure 6n).
    const { controller, player } = await playing('v1');
    const video = player.tag as HTMLVideoElement;
    video.setAttribute('src', 'https://media.example/v1.mp4');
    const load = vi.spyOn(video, 'load').mockImplementation(() => {});
    controller.dispose();
    expect(video.hasAttribute('src')).toBe(false);
    expect(load).toHaveBeenCalledOnce();
    expect(player.getStatus()).not.toBe('playing');
  });

  it("keeps no earlier controller's handlers in the SDK's record of handlers (a pooled player stays the same size)", async () => {
    // SDK 2.37.7 records every handler passed to `on` (`__user_events__`) and `off` leaves it
    // there: without pruning, each mount on a pooled player kept its controller reachable.
    const { controller, player } = await playing('v1');
    const stored = () => Object.values(player.__user_events__).flat();
    controller.on('ended', () => {});
    controller.dispose();
    const afterFirst = stored().length;
    for (let cycle = 0; cycle < 5; cycle++) {
      const next = create();
      next.on('ended', () => {});
      next.attach(box);
      next.load(credential(`v${cycle + 2}`));
      await flush(2_000);
      expect(next.player).toBe(player);
      next.dispose();
    }
    expect(stored()).toHaveLength(afterFirst);
    // What stays is the mount's own (attached once per player), none of a controller's bridges.
    expect(stored().length).toBeLessThanOrEqual(3);
  });

  it('starts a pooled player at startTime, paused without autoplay, with its own cover and muted', async () => {
    const { controller, player } = await playing('v1');
    controller.dispose();
    const next = create({ startTime: 42, muted: true, cover: 'https://img.example/v2.jpg' });
    next.attach(box);
    next.load(credential('v2'));
    await flush(1_500);
    expect(next.player).toBe(player);
    expect(next.getCurrentTime()).toBeCloseTo(42, 0);
    expect(next.getSnapshot().status).toBe('paused');
    expect(player.muted).toBe(true);
    expect(player.getOptions().cover).toBe('https://img.example/v2.jpg');
  });

  it('reuses only a player with the same SDK and init-only options', async () => {
    const { controller, player } = await playing('v1', { loop: true });
    controller.dispose();
    const other = create({ loop: false });
    other.attach(box);
    other.load(credential('v2'));
    await flush(500);
    expect(FakeAliplayer.created).toBe(2);
    expect(other.player).not.toBe(player);
    expect(playerPool.idle).toHaveLength(1);
    const same = create({ loop: true });
    const second = document.createElement('div');
    document.body.append(second);
    same.attach(second);
    same.load(credential('v3'));
    await flush(500);
    expect(same.player).toBe(player);
    expect(FakeAliplayer.created).toBe(2);
  });

  it('disposes beyond its size, and the last release drains it', async () => {
    release();
    release = retainPlayerPool(1);
    const first = await playing('v1');
    const secondBox = document.createElement('div');
    document.body.append(secondBox);
    const second = create();
    second.attach(secondBox);
    second.load(credential('v2'));
    await flush(500);
    first.controller.dispose();
    second.dispose();
    expect(playerPool.idle).toHaveLength(1);
    expect(FakeAliplayer.instances).toHaveLength(1);
    const other = retainPlayerPool(1);
    release();
    // Another user still holds the pool.
    expect(playerPool.idle).toHaveLength(1);
    other();
    expect(playerPool.idle).toHaveLength(0);
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(holder()).toBeNull();
    release = () => {};
  });

  it('is off at size 0 (and until retained): players are disposed as before', async () => {
    release();
    release = () => {};
    const { controller } = await playing('v1');
    controller.dispose();
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(playerPool.size).toBe(0);
  });

  it('does not keep a player in an error state or still loading its play info', async () => {
    const { controller, player } = await playing('v1');
    player.simulateError(4400);
    controller.dispose();
    expect(playerPool.idle).toHaveLength(0);
    expect(FakeAliplayer.instances).toHaveLength(0);

    // GetPlayInfo never answers: the player stays loading.
    FakeAliplayer.configure({ playInfo: () => new Promise(() => {}) });
    const loading = create();
    loading.attach(box);
    loading.load(credential('v2'));
    await flush(10);
    expect(loading.player?.getStatus()).toBe('init');
    loading.dispose();
    expect(playerPool.idle).toHaveLength(0);
    expect(lingeringPlayers.size).toBe(1);
  });

  it('gives a pooled player to one of two controllers mounting at once', async () => {
    const { controller, player } = await playing('v1');
    controller.dispose();
    const a = create();
    const b = create();
    const other = document.createElement('div');
    document.body.append(other);
    a.attach(box);
    b.attach(other);
    a.load(credential('v2'));
    b.load(credential('v3'));
    await flush(500);
    expect([a.player, b.player].filter((p) => p === player)).toHaveLength(1);
    expect(a.player).not.toBe(b.player);
    expect(FakeAliplayer.created).toBe(2);
  });
});

describe('prepare: the old video stops when another is asked for', () => {
  it('pauses at once, reads the new video as loading, and the switch keeps playing', async () => {
    const { controller, player } = await playing('v1');
    controller.prepare('v2');
    expect(player.getStatus()).not.toBe('playing');
    expect(controller.getSnapshot()).toMatchObject({
      videoId: 'v2',
      status: 'creating',
      sourceLoaded: false,
    });
    await flush(1_000);
    expect(controller.getSnapshot().status).toBe('creating');
    void controller.switch(credential('v2'));
    await flush(1_000);
    expect(player.getOptions().vid).toBe('v2');
    expect(controller.getSnapshot()).toMatchObject({ videoId: 'v2', status: 'playing' });
  });

  it('switch() alone stops the old video before its credential is checked', async () => {
    const getCredential = vi.fn(() => new Promise<PlayAuthCredential>(() => {}));
    const { controller, player } = await playing('v1', { getCredential });
    const stale = { ...credential('v2'), expiresAt: Date.now() - 1, issuedAt: Date.now() - 10 };
    void controller.switch(stale);
    await flush(0);
    expect(getCredential).toHaveBeenCalledWith('v2', 'expired');
    expect(player.getStatus()).not.toBe('playing');
    expect(player.getOptions().vid).toBe('v1');
    expect(controller.getSnapshot()).toMatchObject({ videoId: 'v2', status: 'creating' });
  });

  it('is a no-op without a player or for the video shown', async () => {
    const idle = create();
    idle.prepare('v2');
    expect(idle.getSnapshot().status).toBe('idle');
    const { controller, player } = await playing('v1');
    controller.prepare('v1');
    expect(player.getStatus()).toBe('playing');
  });
});
