// @vitest-environment jsdom
// Resume, start time, preview, autoplay refusal and the playback controls of PlayerController.
import { FakeAliplayer } from '@playauth/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AliplayerOptions } from '../Aliplayer';
import { lingeringPlayers } from '../LingeringPlayers';
import { resetAliplayerLoader } from '../loadAliplayer';
import { isPlayAuthError } from '../PlayAuthError';
import { PlayerController } from '../PlayerController';
import type { PlayerControllerOptions } from '../PlayerControllerOptions';
import { localStorageResume, type ResumeStorage } from '../resumePlayback';
import { testCredential } from './testCredential';

const credential = testCredential;

/** An in-memory storage that records every write. */
function memoryStorage(initial: Record<string, number> = {}) {
  const saved = new Map(Object.entries(initial));
  const writes: Array<[string, number | undefined]> = [];
  const storage: ResumeStorage = {
    get: (videoId) => saved.get(videoId),
    set: (videoId, seconds) => {
      writes.push([videoId, seconds]);
      if (seconds === undefined) saved.delete(videoId);
      else saved.set(videoId, seconds);
    },
  };
  return { storage, saved, writes };
}

let box: HTMLDivElement;
let controllers: PlayerController[];
const flush = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

async function started(options: PlayerControllerOptions = {}, given = credential()) {
  const controller = new PlayerController({ sdk: FakeAliplayer, ...options });
  controllers.push(controller);
  controller.attach(box);
  controller.load(given);
  await flush(0);
  await flush(0);
  const player = FakeAliplayer.latest;
  if (!player) throw new Error('no player was built');
  await flush(100); // play info and canplay
  return { controller, player };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeAliplayer.reset();
  FakeAliplayer.configure({
    videos: { v1: { title: 'One', duration: 60 }, v2: { title: 'Two', duration: 30 } },
  });
  resetAliplayerLoader();
  controllers = [];
  box = document.createElement('div');
  document.body.replaceChildren(box);
  localStorage.clear();
});

afterEach(() => {
  for (const controller of controllers) controller.dispose();
  lingeringPlayers.flush();
  FakeAliplayer.reset();
  vi.useRealTimers();
});

describe('startTime and resume', () => {
  it('starts at startTime', async () => {
    const { controller } = await started({ startTime: 12 });
    expect(controller.getCurrentTime()).toBe(12);
  });

  it('restores a saved position, which wins over startTime', async () => {
    const { storage } = memoryStorage({ v1: 25 });
    const { controller } = await started({ resume: storage, startTime: 12 });
    expect(controller.getCurrentTime()).toBe(25);
  });

  it('does not restore a position within the last seconds', async () => {
    const { storage } = memoryStorage({ v1: 57 });
    const { controller } = await started({ resume: storage });
    expect(controller.getCurrentTime()).toBe(0);
  });

  it('saves while playing at most every 5 s, at once on pause, and clears on ended', async () => {
    const { storage, saved, writes } = memoryStorage();
    const { controller } = await started({ resume: storage });
    controller.play();
    await flush(12_000);
    // About 12 s of playback (dozens of timeupdates): saved at the start, ~5 s and ~10 s.
    expect(writes.length).toBe(3);
    expect(saved.get('v1')).toBeGreaterThanOrEqual(9);
    controller.pause();
    expect(saved.get('v1')).toBe(12);
    controller.seek(50);
    controller.play();
    await flush(11_000);
    expect(controller.getSnapshot().status).toBe('ended');
    expect(saved.has('v1')).toBe(false);
  });

  it('resumes the next video of a switch at its own saved position', async () => {
    const { storage } = memoryStorage({ v2: 8 });
    const { controller, player } = await started({ resume: storage });
    const switched = controller.switch(credential('v2', 30));
    await flush(200);
    await switched;
    expect(FakeAliplayer.latest).toBe(player);
    expect(controller.getCurrentTime()).toBe(8);
  });

  it('keeps playing when the storage throws or rejects', async () => {
    const storage: ResumeStorage = {
      get: () => Promise.reject(new Error('offline')),
      set: () => {
        throw new Error('quota');
      },
    };
    const { controller } = await started({ resume: storage, startTime: 3 });
    controller.play();
    await flush(11_000);
    controller.pause();
    expect(controller.getSnapshot().status).toBe('paused');
    expect(controller.getCurrentTime()).toBeGreaterThan(13);
  });

  it('accepts an async storage', async () => {
    const storage: ResumeStorage = { get: async () => 20, set: async () => {} };
    const { controller } = await started({ resume: storage });
    expect(controller.getCurrentTime()).toBe(20);
  });
});

describe('localStorageResume', () => {
  it('round-trips per video and clears', () => {
    const storage = localStorageResume();
    storage.set('v1', 42);
    expect(storage.get('v1')).toBe(42);
    expect(localStorage.getItem('playauth:resume:v1')).toBe('42');
    storage.set('v1', undefined);
    expect(localStorage.getItem('playauth:resume:v1')).toBeNull();
  });

  it('is safe where localStorage is missing or throws', () => {
    const storage = localStorageResume('x:');
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => storage.set('v1', 3)).not.toThrow();
    spy.mockRestore();
    vi.stubGlobal('localStorage', undefined);
    try {
      expect(storage.get('v1')).toBeUndefined();
      expect(() => storage.set('v1', 3)).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('preview', () => {
  it('passes PreviewTime to the SDK and stops there', async () => {
    const { controller, player } = await started({ preview: 10 });
    expect((player.getOptions() as AliplayerOptions).playConfig).toEqual({ PreviewTime: 10 });
    controller.play();
    await flush(15_000);
    expect(controller.getSnapshot().previewEnded).toBe(true);
    expect(controller.getSnapshot().status).toBe('paused');
    expect(controller.getCurrentTime()).toBeLessThan(11);
  });

  it('keeps other playConfig fields', async () => {
    const { player } = await started({ preview: 5, options: { playConfig: { X: 1 } } });
    expect((player.getOptions() as AliplayerOptions).playConfig).toEqual({ X: 1, PreviewTime: 5 });
  });
});

describe('autoplay refused by the browser', () => {
  it('sets autoplayBlocked until playback starts', async () => {
    FakeAliplayer.configure({ autoplayPolicy: 'blocked' });
    const { controller } = await started({ autoplay: true });
    expect(controller.getSnapshot().autoplayBlocked).toBe(true);
    controller.play();
    await flush(500);
    expect(controller.getSnapshot().autoplayBlocked).toBe(false);
    expect(controller.getSnapshot().status).toBe('playing');
  });
});

describe('playback controls', () => {
  it('map to the SDK methods', async () => {
    const { controller, player } = await started();
    const spies = {
      setSpeed: vi.spyOn(player, 'setSpeed'),
      setVolume: vi.spyOn(player, 'setVolume'),
      mute: vi.spyOn(player, 'mute'),
      unMute: vi.spyOn(player, 'unMute'),
      request: vi.spyOn(player.fullscreenService, 'requestFullScreen'),
      cancel: vi.spyOn(player.fullscreenService, 'cancelFullScreen'),
    };
    controller.setPlaybackRate(1.5);
    expect(spies.setSpeed).toHaveBeenCalledWith(1.5);
    expect(controller.getPlaybackRate()).toBe(1.5);
    controller.setVolume(0.25);
    expect(spies.setVolume).toHaveBeenCalledWith(0.25);
    expect(controller.getVolume()).toBe(0.25);
    controller.setMuted(true);
    expect(spies.mute).toHaveBeenCalled();
    expect(player.muted).toBe(true);
    controller.setMuted(false);
    expect(spies.unMute).toHaveBeenCalled();
    controller.requestFullscreen();
    expect(spies.request).toHaveBeenCalled();
    expect(player.fullscreenService.getIsFullScreen()).toBe(true);
    controller.exitFullscreen();
    expect(spies.cancel).toHaveBeenCalled();
    expect(controller.getStatus()).toBe(player.getStatus());
  });

  it('reject a bad rate or volume with a typed error', async () => {
    const { controller } = await started();
    for (const call of [
      () => controller.setPlaybackRate(0),
      () => controller.setPlaybackRate(Number.NaN),
      () => controller.setPlaybackRate(17),
      () => controller.setVolume(-0.1),
      () => controller.setVolume(2),
    ]) {
      let error: unknown;
      try {
        call();
      } catch (caught) {
        error = caught;
      }
      expect(isPlayAuthError(error) && error.code).toBe('InvalidParameter');
    }
    expect(() => controller.setVolume(Number.NaN)).toThrow(/setVolume\(NaN\)/);
  });

  it('have defaults without a player', () => {
    const controller = new PlayerController();
    expect(controller.getPlaybackRate()).toBe(1);
    expect(controller.getVolume()).toBe(1);
    expect(controller.getStatus()).toBe('init');
    expect(() => {
      controller.setMuted(true);
      controller.requestFullscreen();
      controller.exitFullscreen();
    }).not.toThrow();
  });
});

describe('resumeLimit', () => {
  it('is 5 s before the end, 10% for short videos, none when unknown', async () => {
    const { resumeLimit } = await import('../resumePlayback');
    expect(resumeLimit(600)).toBe(595);
    expect(resumeLimit(6)).toBeCloseTo(5.4);
    expect(resumeLimit(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('definitions', () => {
  beforeEach(() => {
    FakeAliplayer.configure({
      videos: { v1: { title: 'One', duration: 60, definitions: ['LD', 'SD', 'HD'] } },
    });
  });

  it('lists the definitions and plays the preferred one; format "hls" asks the SDK for m3u8', async () => {
    const { controller, player } = await started({ definition: 'SD', format: 'hls' });
    expect(controller.getDefinitions()).toEqual(['LD', 'SD', 'HD']);
    expect(controller.getDefinition()).toBe('SD');
    const options = player.getOptions() as AliplayerOptions;
    expect(options).toMatchObject({ defaultDefinition: 'SD', format: 'm3u8' });
    expect(player.playInfo?.definition).toBe('SD');
  });

  it('switches keeping position and play state, fires definitionChange, and a renewal keeps it', async () => {
    const { controller, player } = await started({ getCredential: async () => credential() });
    const changes: unknown[] = [];
    controller.on('definitionChange', (event) => changes.push(event.paramData));
    controller.play();
    await flush(3000);
    const before = controller.getCurrentTime();
    const switched = controller.setDefinition('HD');
    await flush(0);
    await switched;
    expect(player.playInfo?.definition).toBe('HD');
    expect(Math.abs(controller.getCurrentTime() - before)).toBeLessThan(0.5);
    expect(controller.getSnapshot().status).toBe('playing');
    expect(controller.getDefinition()).toBe('HD');
    expect(changes).toEqual([{ definition: 'HD', previous: 'LD' }]);
    // The same definition again is a no-op.
    await controller.setDefinition('HD');
    expect(changes).toHaveLength(1);

    const renewed = controller.renew();
    await flush(100);
    await renewed;
    expect(player.playInfo?.definition).toBe('HD');
    expect(controller.getDefinition()).toBe('HD');
  });

  it('keeps a paused player paused', async () => {
    const { controller, player } = await started();
    controller.play();
    await flush(2000);
    controller.pause();
    const switched = controller.setDefinition('SD');
    await flush(100);
    await switched;
    expect(player.playInfo?.definition).toBe('SD');
    expect(controller.getSnapshot().status).toBe('paused');
    const at = controller.getCurrentTime();
    expect(at).toBeGreaterThan(1.5);
    await flush(1000);
    expect(controller.getCurrentTime()).toBe(at);
  });

  it('switches when the definition option changes on a running player', async () => {
    const { controller, player } = await started();
    controller.update({ definition: 'SD' });
    await flush(100);
    expect(player.playInfo?.definition).toBe('SD');
    expect(controller.getDefinition()).toBe('SD');
  });

  it('refuses a definition the video does not have, naming the ones it has', async () => {
    const { controller } = await started();
    let thrown: unknown;
    try {
      void controller.setDefinition('4K');
    } catch (error) {
      thrown = error;
    }
    expect(isPlayAuthError(thrown) && thrown.code).toBe('InvalidParameter');
    expect((thrown as Error).message).toContain('pass one of [LD,SD,HD]');
  });

  it('is a no-op without a player', async () => {
    const controller = new PlayerController({ sdk: FakeAliplayer });
    await expect(controller.setDefinition('SD')).resolves.toBeUndefined();
    expect(controller.getDefinitions()).toEqual([]);
    expect(controller.getDefinition()).toBeUndefined();
  });
});

describe('HLS encryption token', () => {
  it('hands the credential token to the SDK as playConfig.MtsHlsUriToken, and the new one on renewal', async () => {
    const first = { ...credential(), hlsUriToken: 'token-1' };
    const second = { ...credential(), hlsUriToken: 'token-2' };
    const { controller, player } = await started(
      { preview: 20, options: { playConfig: { Custom: 'x' } } },
      first,
    );
    const live = () => (player.getOptions() as AliplayerOptions).playConfig;
    expect(live()).toEqual({ Custom: 'x', PreviewTime: 20, MtsHlsUriToken: 'token-1' });
    const renewed = controller.renew(second);
    await flush(100);
    await renewed;
    expect(live()).toEqual({ Custom: 'x', PreviewTime: 20, MtsHlsUriToken: 'token-2' });
    // A credential without a token drops the old one (an undefined value is not in the JSON).
    const third = controller.renew(credential());
    await flush(100);
    await third;
    expect(JSON.stringify(live())).toBe('{"Custom":"x","PreviewTime":20}');
  });
});

describe('refused decryption key', () => {
  it('is a typed error state; the retry asks for a new credential (reason "key")', async () => {
    const reasons: string[] = [];
    const getCredential = async (_videoId: string, reason: string) => {
      reasons.push(reason);
      return { ...credential(), hlsUriToken: 'fresh' };
    };
    const { controller, player } = await started({ getCredential });
    player.simulateError(4009, 'keyLoadError');
    expect(controller.getSnapshot().status).toBe('error');
    expect(controller.getSnapshot().error).toMatchObject({
      code: 'KeyRefused',
      kind: 'key',
      retryable: true,
      playerCode: 4009,
    });
    const retried = controller.renew();
    await flush(100);
    await retried;
    expect(reasons).toEqual(['key']);
    expect((player.getOptions() as AliplayerOptions).playConfig).toEqual({
      MtsHlsUriToken: 'fresh',
    });
    expect(controller.getSnapshot().status).not.toBe('error');
  });

  it('during playback renews automatically with a new credential (reason "key")', async () => {
    const reasons: string[] = [];
    const getCredential = async (_videoId: string, reason: string) => {
      reasons.push(reason);
      return credential();
    };
    const { controller, player } = await started({ getCredential });
    controller.play();
    await flush(2000);
    player.simulateError(4025, 'keyLoadError');
    await flush(100);
    expect(reasons).toEqual(['key']);
    expect(controller.getSnapshot()).toMatchObject({ status: 'playing', renewals: 1 });
  });
});

describe('retry of a failed start', () => {
  it('plays when autoplay asked for it (the start never played)', async () => {
    FakeAliplayer.configure({ loadDelayMs: 500 });
    const { controller, player } = await started({
      autoplay: true,
      getCredential: async () => credential(),
    });
    player.simulateError(4009, 'keyLoadError');
    expect(controller.getSnapshot()).toMatchObject({ status: 'error', playbackStarted: false });
    const retried = controller.renew();
    await flush(1000);
    await retried;
    expect(controller.getSnapshot().status).toBe('playing');
  });

  it('stays paused without autoplay', async () => {
    FakeAliplayer.configure({ loadDelayMs: 500 });
    const { controller, player } = await started({ getCredential: async () => credential() });
    player.simulateError(4009, 'keyLoadError');
    const retried = controller.renew();
    await flush(1000);
    await retried;
    expect(controller.getSnapshot().status).toBe('paused');
  });
});
