// @vitest-environment jsdom
import { createPlayAuth, FakeAliplayer } from '@playauth/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AliplayerEvent, AliplayerOptions } from '../Aliplayer';
import { lingeringPlayers } from '../LingeringPlayers';
import { resetAliplayerLoader } from '../loadAliplayer';
import type { PlayAuthCredential } from '../PlayAuthCredential';
import { PlayerController } from '../PlayerController';
import { buildAliplayerOptions, type PlayerControllerOptions } from '../PlayerControllerOptions';

const VALID_MS = 100_000;

function credential(videoId = 'v1', validMs = VALID_MS): PlayAuthCredential {
  const now = Date.now();
  return {
    videoId,
    playAuth: createPlayAuth(videoId, { authInfoTimeout: Math.max(1, validMs / 1000), now }),
    requestId: `req-${videoId}`,
    videoMeta: { videoId, title: `Video ${videoId}`, duration: 600, status: 'Normal' },
    issuedAt: now,
    expiresAt: now + validMs,
  };
}

function expired(videoId = 'v1'): PlayAuthCredential {
  return { ...credential(videoId), issuedAt: Date.now() - 200_000, expiresAt: Date.now() - 1 };
}

let box: HTMLDivElement;
let uncaught: unknown[];
let controllers: PlayerController[];

const flush = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

function create(options: PlayerControllerOptions = {}): PlayerController {
  const controller = new PlayerController({ sdk: FakeAliplayer, ...options });
  controllers.push(controller);
  return controller;
}

/** A controller with a built player on `box` (not playing unless autoplay). */
async function started(options: PlayerControllerOptions = {}, given = credential()) {
  const controller = create(options);
  controller.attach(box);
  controller.load(given);
  await flush(0);
  await flush(0);
  const player = FakeAliplayer.latest;
  if (!player) throw new Error('no player was built');
  return { controller, player };
}

/** Plays for `seconds` of simulated time. */
async function playFor(controller: PlayerController, seconds: number) {
  controller.play();
  await flush(seconds * 1000);
}

const optionsOf = (player: FakeAliplayer) => player.getOptions() as AliplayerOptions;

beforeEach(() => {
  vi.useFakeTimers();
  FakeAliplayer.reset();
  resetAliplayerLoader();
  uncaught = [];
  FakeAliplayer.onUncaughtError = (error) => uncaught.push(error);
  controllers = [];
  box = document.createElement('div');
  document.body.replaceChildren(box);
  document.head.replaceChildren();
});

afterEach(() => {
  for (const controller of controllers) controller.dispose();
  lingeringPlayers.flush();
  FakeAliplayer.reset();
  vi.useRealTimers();
  expect(uncaught).toEqual([]);
});

describe('lifecycle', () => {
  it('has no side effects in the constructor', async () => {
    const controller = new PlayerController();
    const listener = vi.fn();
    controller.subscribe(listener);
    await flush(100);
    expect(document.head.querySelectorAll('script, link')).toHaveLength(0);
    expect(FakeAliplayer.created).toBe(0);
    expect(controller.getSnapshot()).toMatchObject({ status: 'idle', renewals: 0 });
    expect(controller.player).toBeUndefined();
    expect(listener).not.toHaveBeenCalled();
  });

  it('attach sets a CSS-safe id usable in querySelector and builds nothing', async () => {
    const controller = create();
    controller.attach(box);
    expect(box.id).toBe(controller.elementId);
    expect(controller.elementId).toMatch(/^[A-Za-z][\w-]*$/);
    expect(document.querySelector(`#${controller.elementId}`)).toBe(box);
    expect(create().elementId).not.toBe(controller.elementId);
    await flush(100);
    expect(FakeAliplayer.created).toBe(0);
    expect(box.childElementCount).toBe(0);
  });

  it('defers construction out of the current task', async () => {
    const controller = create();
    controller.attach(box);
    controller.load(credential());
    expect(FakeAliplayer.created).toBe(0);
    await flush(0);
    expect(FakeAliplayer.created).toBe(1);
    expect(controller.player).toBe(FakeAliplayer.latest);
  });

  it('constructs nothing when disposed in the same tick, and survives StrictMode remounts', async () => {
    const once = create();
    once.attach(box);
    once.load(credential());
    once.dispose();
    await flush(1000);
    expect(FakeAliplayer.created).toBe(0);
    expect(once.getSnapshot().status).toBe('disposed');

    // mount, unmount, mount again on the same controller and container
    const strict = create();
    strict.attach(box);
    strict.load(credential());
    strict.dispose();
    strict.attach(box);
    strict.load(credential());
    await flush(1000);
    expect(FakeAliplayer.created).toBe(1);
    expect(FakeAliplayer.instances).toHaveLength(1);
    expect(strict.getSnapshot().status).toBe('ready');
  });

  it('constructs nothing when disposed later in the same task, after microtasks', async () => {
    const controller = create();
    controller.attach(box);
    controller.load(credential());
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    expect(FakeAliplayer.created).toBe(0);
    controller.dispose();
    await flush(1000);
    expect(FakeAliplayer.created).toBe(0);
  });

  it('builds once attached when load came first', async () => {
    const controller = create();
    controller.load(credential());
    await flush(100);
    expect(FakeAliplayer.created).toBe(0);
    controller.attach(box);
    await flush(0);
    expect(FakeAliplayer.created).toBe(1);
  });

  it('reports a player the SDK cannot construct as an sdk error', async () => {
    const controller = create();
    controller.attach(document.createElement('div')); // not in the document
    controller.load(credential());
    await flush(0);
    expect(controller.getSnapshot().status).toBe('error');
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'PlayerCreateFailed',
      kind: 'sdk',
    });
  });

  it('builds each player in its own element in the container; dispose removes it, idempotently', async () => {
    box.className = 'app-box';
    box.style.border = '1px solid';
    const { controller, player } = await started();
    const element = player.container;
    expect(element.parentElement).toBe(box);
    expect(element.id).toMatch(new RegExp(`^${controller.elementId}-\\w+$`));
    expect(document.querySelector(`#${element.id}`)).toBe(element);
    expect(element.classList.contains('prism-player')).toBe(true);
    expect(element.style.height).toBe('300px');
    // The SDK's classes and size never touch the app's element.
    expect(box.className).toBe('app-box');
    expect(box.getAttribute('style')).toBe('border: 1px solid;');
    const listener = vi.fn();
    controller.subscribe(listener);
    controller.dispose();
    expect(box.className).toBe('app-box');
    expect(box.getAttribute('style')).toBe('border: 1px solid;');
    expect(box.childElementCount).toBe(0);
    expect(element.isConnected).toBe(false);
    expect(element.classList.contains('prism-player')).toBe(false);
    expect(player.tag).toBeNull();
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(controller.player).toBeUndefined();
    expect(listener).toHaveBeenCalledTimes(1);
    controller.dispose();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(controller.getSnapshot().status).toBe('disposed');
  });
});

describe('SDK options', () => {
  it('never takes id, vid or playauth from options', async () => {
    const given = credential('v1');
    const { controller, player } = await started(
      {
        options: {
          id: 'hijack',
          vid: 'other',
          playauth: 'forged',
          PlayAuth: 'forged',
          source: 'https://evil.example/x.mp4',
          language: 'en-us',
        },
      },
      given,
    );
    const options = optionsOf(player);
    expect(options.id).toBe(player.container.id);
    expect(options.id.startsWith(`${controller.elementId}-`)).toBe(true);
    expect(options.vid).toBe('v1');
    expect(options.playauth).toBe(given.playAuth);
    expect(options.PlayAuth).toBeUndefined();
    // Once play info is in, the SDK (and the fake) set `source` to the chosen stream's URL.
    expect(options.source).toBe('https://media.playauth.invalid/v1.mp4');
    expect(options.language).toBe('en-us');
  });

  it('turns autoplay off unless asked', async () => {
    const { controller, player } = await started();
    expect(optionsOf(player).autoplay).toBe(false);
    await flush(2000);
    expect(controller.getSnapshot().status).toBe('ready');
    expect(controller.getCurrentTime()).toBe(0);

    const built = buildAliplayerOptions(
      { options: { autoplay: true } },
      {
        id: 'a',
        vid: 'b',
        playauth: 'c',
      },
    );
    expect(built.autoplay).toBe(true);
    expect(
      buildAliplayerOptions(
        { autoplay: false, options: { autoplay: true } },
        {
          id: 'a',
          vid: 'b',
          playauth: 'c',
        },
      ).autoplay,
    ).toBe(false);
  });

  it('plays by itself with autoplay: true', async () => {
    const { controller } = await started({ autoplay: true });
    await flush(1000);
    expect(controller.getSnapshot()).toMatchObject({ status: 'playing', playbackStarted: true });
    expect(controller.getCurrentTime()).toBeGreaterThan(0.5);
  });

  it('switches SDK telemetry off by default, even against options', async () => {
    const { player } = await started({ options: { trackLog: true, disableTrack: false } });
    expect(optionsOf(player)).toMatchObject({
      trackLog: false,
      disableTrack: true,
      disableDumpBuffer: true,
    });
  });

  it('leaves telemetry to the SDK with telemetry: true', async () => {
    const { player } = await started({ telemetry: true });
    const options = optionsOf(player);
    expect(options.trackLog).toBeUndefined();
    expect(options.disableTrack).toBeUndefined();
    expect(options.disableDumpBuffer).toBeUndefined();
  });

  it('passes license, mute, loop, cover and size, and an absolute assetPrefix for URL sources', async () => {
    const license = { domain: 'example.com', key: 'key-1' };
    const { player } = await started({
      license,
      muted: true,
      loop: true,
      cover: 'https://img.example/c.jpg',
      width: '640px',
      height: '360px',
    });
    expect(optionsOf(player)).toMatchObject({
      license,
      mute: true,
      rePlay: true,
      cover: 'https://img.example/c.jpg',
      width: '640px',
      height: '360px',
    });
    expect(optionsOf(player).assetPrefix).toBeUndefined();
    const built = buildAliplayerOptions(
      { sdk: '/vendor/aliplayer/' },
      {
        id: 'a',
        vid: 'b',
        playauth: 'c',
      },
    );
    expect(built.assetPrefix).toBe(`${location.origin}/vendor/aliplayer`);
  });
});

describe('events', () => {
  it('bridges SDK events and detaches with the exact handlers on dispose', async () => {
    const on = vi.spyOn(FakeAliplayer.prototype, 'on');
    const off = vi.spyOn(FakeAliplayer.prototype, 'off');
    const controller = create();
    const ended = vi.fn<(event: AliplayerEvent<'ended'>) => void>();
    controller.on('ended', ended);
    controller.attach(box);
    controller.load(credential());
    await flush(0);
    const player = FakeAliplayer.latest as FakeAliplayer;
    const internal = player.internalListenerCount();
    player.simulateEvent('ended', { playTime: 3 });
    expect(ended).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'ended', paramData: { playTime: 3 } }),
    );

    controller.dispose();
    const attached = on.mock.calls.map(([name, handler]) => [name, handler]);
    const detached = off.mock.calls.map(([name, handler]) => [name, handler]);
    expect(attached.length).toBeGreaterThan(0);
    expect(detached).toEqual(expect.arrayContaining(attached));
    for (const [, handler] of detached) expect(typeof handler).toBe('function');
    expect(player.listenerCount()).toBe(0);
    expect(internal).toBeGreaterThan(0);
  });

  it('unsubscribing removes only that handler and keeps the SDK UI listeners', async () => {
    const { controller, player } = await started();
    const internal = player.internalListenerCount();
    const handler = vi.fn();
    const stop = controller.on('seeked', handler);
    expect(player.listenerCount('seeked')).toBe(1);
    stop();
    expect(player.listenerCount('seeked')).toBe(0);
    expect(player.internalListenerCount()).toBe(internal);
    player.simulateEvent('seeked');
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps app handlers across a switch and a re-creation', async () => {
    const { controller } = await started();
    const ready = vi.fn();
    controller.on('canplay', ready);
    const switched = controller.switch(credential('v2'));
    await flush(0);
    await switched;
    expect(ready).toHaveBeenCalledTimes(1);
    controller.update({ loop: true });
    await flush(100);
    expect(FakeAliplayer.created).toBe(2);
    expect(ready).toHaveBeenCalledTimes(2);
  });
});

describe('renew and switch', () => {
  it('renew keeps position and the paused state', async () => {
    const { controller, player } = await started();
    await playFor(controller, 10);
    controller.pause();
    const position = controller.getCurrentTime();
    expect(position).toBeGreaterThan(9);
    const replay = vi.spyOn(player, 'replayByVidAndPlayAuth');
    const fresh = credential('v1');
    const done = controller.renew(fresh);
    expect(controller.getSnapshot().status).toBe('renewing');
    await flush(0);
    await done;
    expect(replay).toHaveBeenCalledWith('v1', fresh.playAuth);
    expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(0.5);
    expect(controller.getSnapshot()).toMatchObject({ status: 'paused', renewals: 1 });
    await flush(2000);
    expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(0.5);
    expect(FakeAliplayer.created).toBe(1);
  });

  it('renew keeps position and the playing state', async () => {
    const { controller } = await started();
    await playFor(controller, 10);
    const position = controller.getCurrentTime();
    const done = controller.renew(credential('v1'));
    await flush(0);
    await done;
    expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(0.5);
    await flush(2000);
    expect(controller.getSnapshot().status).toBe('playing');
    expect(controller.getCurrentTime()).toBeGreaterThan(position + 1.5);
  });

  it('renew without a credential asks getCredential for the current video', async () => {
    const fresh = credential('v1');
    const getCredential = vi.fn(async () => fresh);
    const { controller, player } = await started({ getCredential });
    const replay = vi.spyOn(player, 'replayByVidAndPlayAuth');
    const done = controller.renew();
    await flush(0);
    await done;
    expect(getCredential).toHaveBeenCalledWith('v1', 'manual');
    expect(replay).toHaveBeenCalledWith('v1', fresh.playAuth);
  });

  it('renew refuses a credential of another video', async () => {
    const { controller, player } = await started();
    const replay = vi.spyOn(player, 'replayByVidAndPlayAuth');
    await controller.renew(credential('v2'));
    expect(replay).not.toHaveBeenCalled();
    expect(controller.getSnapshot().error).toMatchObject({ code: 'VideoIdMismatch' });
  });

  it('switch plays another video on the same player from 0', async () => {
    const { controller, player } = await started();
    await playFor(controller, 10);
    const replay = vi.spyOn(player, 'replayByVidAndPlayAuth');
    const next = credential('v2');
    const done = controller.switch(next);
    expect(controller.getSnapshot()).toMatchObject({ videoId: 'v2', sourceLoaded: false });
    await flush(0);
    await done;
    expect(replay).toHaveBeenCalledWith('v2', next.playAuth);
    expect(FakeAliplayer.created).toBe(1);
    expect(controller.getCurrentTime()).toBeLessThan(0.5);
    expect(controller.getSnapshot()).toMatchObject({ videoId: 'v2', renewals: 0 });
    await flush(1000);
    expect(controller.getSnapshot().status).toBe('playing');
  });

  it('load with another video on a running player switches instead of re-creating', async () => {
    const { controller, player } = await started();
    const replay = vi.spyOn(player, 'replayByVidAndPlayAuth');
    controller.load(credential('v2'));
    await flush(0);
    expect(replay).toHaveBeenCalledWith('v2', expect.any(String));
    expect(FakeAliplayer.created).toBe(1);
  });
});

describe('credentials', () => {
  it('never gives an expired credential to the SDK: asks getCredential instead', async () => {
    const fresh = credential('v1');
    const getCredential = vi.fn(async () => fresh);
    const { player } = await started({ getCredential }, expired('v1'));
    expect(getCredential).toHaveBeenCalledWith('v1', 'expired');
    expect(optionsOf(player).playauth).toBe(fresh.playAuth);
  });

  it('errors without building when a credential is expired and there is no getCredential', async () => {
    const controller = create();
    controller.attach(box);
    controller.load(expired('v1'));
    await flush(0);
    expect(FakeAliplayer.created).toBe(0);
    expect(controller.getSnapshot()).toMatchObject({ status: 'error' });
    expect(controller.getSnapshot().error).toMatchObject({ code: 'Expired', retryable: true });
  });

  it('rejects what getCredential returns for another video, or already expired', async () => {
    const wrong = create({ getCredential: async () => credential('v2') });
    wrong.attach(box);
    wrong.load(expired('v1'));
    await flush(0);
    expect(wrong.getSnapshot().error).toMatchObject({ code: 'VideoIdMismatch' });
    wrong.dispose();

    const stale = create({ getCredential: async () => expired('v1') });
    stale.attach(box);
    stale.load(expired('v1'));
    await flush(0);
    expect(stale.getSnapshot().error).toMatchObject({ code: 'Expired' });
    expect(FakeAliplayer.created).toBe(0);
  });
});

describe('automatic renewal', () => {
  it('renews on authkeyexpired keeping position and play state', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential });
    await playFor(controller, 20);
    const position = controller.getCurrentTime();
    player.simulateEvent('authkeyexpired');
    await flush(0);
    expect(getCredential).toHaveBeenCalledWith('v1', 'expired');
    expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(0.5);
    expect(controller.getSnapshot()).toMatchObject({ status: 'playing', renewals: 1 });
  });

  it('renews on 4002 after playback started', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential });
    await playFor(controller, 5);
    const position = controller.getCurrentTime();
    player.simulateError(4002);
    await flush(0);
    expect(getCredential).toHaveBeenCalledWith('v1', 'error');
    expect(controller.getSnapshot()).toMatchObject({ renewals: 1, error: undefined });
    expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(0.5);
    await flush(1000);
    expect(controller.getSnapshot().status).toBe('playing');
  });

  it('keeps playing when the SDK paused the media right before the error', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential });
    await playFor(controller, 5);
    // The real SDK calls this.pause() before triggering some errors.
    player.simulateEvent('pause');
    player.simulateError(4016);
    await flush(0);
    expect(getCredential).toHaveBeenCalledWith('v1', 'error');
    const position = controller.getCurrentTime();
    await flush(1000);
    expect(controller.getSnapshot().status).toBe('playing');
    expect(controller.getCurrentTime()).toBeGreaterThan(position + 0.5);
  });

  it('renews when the play URL expires during playback (4400)', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential, options: { authTimeout: 30 } });
    await playFor(controller, 40);
    const position = controller.getCurrentTime();
    controller.seek(position - 5); // refused: the signed URL is older than authTimeout
    await flush(0);
    expect(getCredential).toHaveBeenCalledWith('v1', 'error');
    expect(controller.getSnapshot().renewals).toBe(1);
    expect(player.getCurrentTime()).toBeGreaterThan(position - 6);
  });

  it('treats 4002 before playback started as an error', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential });
    player.simulateError(4002);
    await flush(0);
    expect(getCredential).not.toHaveBeenCalled();
    expect(controller.getSnapshot().status).toBe('error');
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'Player.4002',
      kind: 'credential',
    });
  });

  it('stops at a second automatic renewal within 30 s; renew() then retries', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential });
    await playFor(controller, 5);
    player.simulateError(4002);
    await flush(0);
    expect(controller.getSnapshot().renewals).toBe(1);
    await flush(10_000);
    player.simulateEvent('authkeyexpired');
    await flush(0);
    expect(getCredential).toHaveBeenCalledTimes(1);
    expect(controller.getSnapshot().status).toBe('error');
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'RenewalLimit',
      kind: 'renewalLimit',
      retryable: true,
    });

    const retry = controller.renew();
    await flush(0);
    await retry;
    expect(getCredential).toHaveBeenLastCalledWith('v1', 'manual');
    expect(controller.getSnapshot()).toMatchObject({ renewals: 2, error: undefined });
    expect(controller.getSnapshot().status).not.toBe('error');
  });

  it('allows another automatic renewal once the window has passed', async () => {
    const getCredential = vi.fn(async (videoId: string) => credential(videoId));
    const { controller, player } = await started({ getCredential, renewalMinIntervalMs: 5000 });
    await playFor(controller, 2);
    player.simulateEvent('authkeyexpired');
    await flush(6000);
    player.simulateEvent('authkeyexpired');
    await flush(0);
    expect(getCredential).toHaveBeenCalledTimes(2);
    expect(controller.getSnapshot()).toMatchObject({ renewals: 2, status: 'playing' });
  });

  it('without getCredential a renewal error stays an error', async () => {
    const { controller, player } = await started();
    await playFor(controller, 2);
    player.simulateError(4016);
    await flush(0);
    expect(controller.getSnapshot().error).toMatchObject({ kind: 'network' });
  });
});

describe('update', () => {
  it('applies muted, cover and size live', async () => {
    const { controller, player } = await started();
    const mute = vi.spyOn(player, 'mute');
    const unMute = vi.spyOn(player, 'unMute');
    const setCover = vi.spyOn(player, 'setCover');
    const setPlayerSize = vi.spyOn(player, 'setPlayerSize');
    controller.update({ muted: true });
    expect(mute).toHaveBeenCalledTimes(1);
    expect(player.muted).toBe(true);
    controller.update({ muted: false });
    expect(unMute).toHaveBeenCalledTimes(1);
    controller.update({ cover: 'https://img.example/2.jpg' });
    expect(setCover).toHaveBeenCalledWith('https://img.example/2.jpg');
    controller.update({ width: '320px' });
    expect(setPlayerSize).toHaveBeenCalledWith('320px', '300px');
    expect(player.container.style.width).toBe('320px');
    expect(FakeAliplayer.created).toBe(1);
  });

  it('re-creates the player for init-only options, keeping video and position', async () => {
    const { controller } = await started();
    await playFor(controller, 10);
    const position = controller.getCurrentTime();
    controller.update({ license: { domain: 'example.com', key: 'k2' } });
    await flush(100);
    expect(FakeAliplayer.created).toBe(2);
    expect(FakeAliplayer.instances).toHaveLength(1);
    const player = FakeAliplayer.latest as FakeAliplayer;
    expect(optionsOf(player)).toMatchObject({ vid: 'v1', license: { key: 'k2' } });
    expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(0.5);
    await flush(1000);
    expect(controller.getSnapshot().status).toBe('playing');
  });

  it('ignores equal values, including inline objects', async () => {
    const { controller } = await started({ options: { language: 'en-us' }, muted: false });
    const listener = vi.fn();
    controller.subscribe(listener);
    controller.update({ options: { language: 'en-us' }, muted: false });
    await flush(0);
    expect(FakeAliplayer.created).toBe(1);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('snapshot', () => {
  it('keeps its identity while nothing changes', async () => {
    const { controller, player } = await started();
    const before = controller.getSnapshot();
    expect(controller.getSnapshot()).toBe(before);
    const listener = vi.fn();
    controller.subscribe(listener);
    player.simulateEvent('playInfoLoaded'); // sourceLoaded already true
    controller.update({ cover: undefined });
    expect(controller.getSnapshot()).toBe(before);
    expect(listener).not.toHaveBeenCalled();

    await playFor(controller, 1);
    const after = controller.getSnapshot();
    expect(after).not.toBe(before);
    expect(after).toMatchObject({ status: 'playing', playbackStarted: true, sourceLoaded: true });
    expect(listener).toHaveBeenCalled();
  });

  it('reports sourceLoaded once play info is in', async () => {
    const controller = create();
    controller.attach(box);
    controller.load(credential());
    expect(controller.getSnapshot()).toMatchObject({ videoId: 'v1', sourceLoaded: false });
    await flush(0);
    expect(controller.getSnapshot()).toMatchObject({ status: 'ready', sourceLoaded: true });
  });
});

describe('licence errors', () => {
  it('map to kind license with a message naming the domain', async () => {
    FakeAliplayer.enforceLicense = true;
    const { controller } = await started();
    await flush(200);
    const { error, status } = controller.getSnapshot();
    expect(status).toBe('error');
    expect(error).toMatchObject({ code: 'Player.4036', kind: 'license', retryable: false });
    expect(error?.message).toContain(`domain: '${location.hostname}'`);
  });
});

describe('errors the SDK reports inside its constructor', () => {
  it('surfaces a 4012 fired before any listener could be attached', async () => {
    // The first player of a page loads the SDK's PlayAuth module; later ones decode the PlayAuth
    // inside the constructor.
    await started();
    const other = document.createElement('div');
    document.body.append(other);
    const controller = create();
    const heard = vi.fn();
    controller.on('error', heard);
    controller.attach(other);
    controller.load({ ...credential('v2'), playAuth: 'not a PlayAuth!' });
    await flush(0);
    expect(FakeAliplayer.latest?.getStatus()).toBe('error');
    // The SDK's event went out before `new` returned: only the status tells.
    expect(heard).not.toHaveBeenCalled();
    expect(controller.getSnapshot().status).toBe('error');
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'Player.4012',
      playerCode: 4012,
      kind: 'credential',
      retryable: false,
    });
    expect(controller.getSnapshot().error?.message).toMatch(/could not be decoded/);
  });

  it('surfaces the 4012 of the first player of a page, which arrives as an event, the same way', async () => {
    const controller = create();
    const heard = vi.fn();
    controller.on('error', heard);
    controller.attach(box);
    controller.load({ ...credential('v1'), playAuth: 'not a PlayAuth!' });
    await flush(0);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'Player.4012',
      kind: 'credential',
    });
  });
});

describe('customVodServer', () => {
  const managed = { id: 'a', vid: 'b', playauth: 'c' };
  const server = 'http://127.0.0.1:9/vod/';

  it('adds customVodServerFirst: true unless the flag is set', () => {
    expect(
      buildAliplayerOptions({ options: { customVodServer: server } }, managed).customVodServerFirst,
    ).toBe(true);
    expect(
      buildAliplayerOptions(
        { options: { customVodServer: server, customVodServerFirst: false } },
        managed,
      ).customVodServerFirst,
    ).toBe(false);
    expect(buildAliplayerOptions({}, managed)).not.toHaveProperty('customVodServerFirst');
  });

  it('sends GetPlayInfo to customVodServer first', async () => {
    const hosts: string[] = [];
    const fetchStub = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      hosts.push(url.host);
      const body = {
        RequestId: 'r1',
        VideoBase: { VideoId: 'v1', Title: 'One', Duration: '60' },
        PlayInfoList: {
          PlayInfo: [{ PlayURL: 'https://media.example/v1.mp4', Definition: 'OD', Format: 'mp4' }],
        },
      };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    const { controller } = await started({
      options: { customVodServer: server, fake: { fetch: fetchStub } },
    });
    // The request is signed with crypto.subtle, which takes real time.
    await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('ready'));
    expect(hosts).toEqual(['127.0.0.1:9']);
  });
});
