import { createPlayAuth, FakeAliplayer } from '@playauth/testing';
import { describe, expect, test, vi } from 'vitest';
import { CONTRACT_EVENT_ORDER } from '../contract/aliplayerScenarios';
import {
  ALL_EVENTS,
  nextEvent,
  playerInNewContainer,
  recordEvents,
  setUpFakeAliplayerPage,
} from './fakeAliplayerTestUtils';

const videos = {
  v1: {
    title: 'First',
    duration: 10,
    playUrl: 'https://media.test/v1.mp4',
    coverUrl: 'https://img.test/v1.jpg',
  },
  v2: { title: 'Second', duration: 20, playUrl: 'https://media.test/v2.mp4' },
};

const page = setUpFakeAliplayerPage(videos);

const create = (options: Record<string, unknown> = {}, ready?: (p: FakeAliplayer) => void) =>
  new FakeAliplayer(
    { id: page.container.id, vid: 'v1', playauth: createPlayAuth('v1'), ...options },
    ready,
  );

describe('constructor checks', () => {
  test('an element instead of its id throws a SyntaxError, as the SDK (it builds a selector)', () => {
    expect(
      () =>
        new FakeAliplayer({ id: page.container as unknown as string, vid: 'v1', playauth: 'x' }),
    ).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
  });

  test('an id that is not a valid selector (React useId) throws', () => {
    page.container.id = ':r1:';
    expect(() => create()).toThrow();
  });

  test('a container not in the document throws a TypeError naming the id', () => {
    expect(() => new FakeAliplayer({ id: 'absent', vid: 'v1', playauth: 'x' })).toThrow(TypeError);
    expect(() => new FakeAliplayer({ id: 'absent', vid: 'v1', playauth: 'x' })).toThrow(/#absent/);
  });

  test('an inline size on the container wins over the width/height options, as in the SDK', () => {
    page.container.style.width = '400px';
    create({ width: '640px', height: '360px' });
    expect(page.container.style.width).toBe('400px');
    expect(page.container.style.height).toBe('360px');
  });

  test('playauth is required; the playAuth spelling is ignored; PlayAuth is accepted', () => {
    expect(() => new FakeAliplayer({ id: page.container.id, vid: 'v1' })).toThrow(/playauth/);
    expect(
      () => new FakeAliplayer({ id: page.container.id, vid: 'v1', playAuth: createPlayAuth('v1') }),
    ).toThrow(/playauth/);
    expect(
      () => new FakeAliplayer({ id: page.container.id, vid: 'v1', PlayAuth: createPlayAuth('v1') }),
    ).not.toThrow();
  });

  test('returns synchronously in status init, sizing the container like the SDK', () => {
    const player = create();
    expect(player.getStatus()).toBe('init');
    expect(page.container).toHaveClass('prism-player');
    expect(page.container.style.width).toBe('100%');
    expect(page.container.style.height).toBe('300px');
    expect(player.tag).toBeInstanceOf(HTMLVideoElement);
    expect(page.container.contains(player.tag)).toBe(true);
    expect(player.mode).toBe('simulated');
  });
});

describe('events', () => {
  test('fire in the SDK order with its paramData shapes (autoplay by default)', async () => {
    const order: string[] = [];
    const player = create({}, (p) => {
      expect(p).toBe(player);
      order.push('readyCallback');
    });
    const log = recordEvents(player, ALL_EVENTS);
    player.on('timeupdate', () => order.push('timeupdate'));
    for (const name of ALL_EVENTS)
      if (name !== 'timeupdate') player.on(name, () => order.push(name));
    await nextEvent(player, 'timeupdate');
    // The contract's documented order (the real SDK's), then autoplay and the first timeupdate.
    expect(order).toEqual([...CONTRACT_EVENT_ORDER, 'autoplay', 'timeupdate']);
    const [loaded] = log.of('playInfoLoaded');
    expect(loaded?.paramData).toMatchObject({
      urls: [
        { Url: 'https://media.test/v1.mp4', format: 'mp4', definition: 'OD', duration: '10.000' },
      ],
      coverUrl: 'https://img.test/v1.jpg',
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
    expect(log.of('prepare')[0]?.paramData).toBe('OD');
    expect(log.of('sourceloaded')[0]?.paramData).toMatchObject({
      Url: 'https://media.test/v1.mp4',
    });
    expect(log.of('changeURL')[0]?.paramData).toEqual({ from: 'saas' });
    expect(log.of('canplay')[0]?.paramData).toEqual({ loadtime: expect.any(Number) });
    expect(log.of('autoplay')[0]?.paramData).toBe(true);
    expect(log.of('play')[0]?.paramData).toBeNull();
    // Events without data carry null (AliplayerNoData), durationchange an empty string.
    expect(log.of('ready')[0]?.paramData).toBeNull();
    expect(log.of('waiting')[0]?.paramData).toBeNull();
    expect(log.of('durationchange')[0]?.paramData).toBe('');
    expect(typeof log.of('timeupdate')[0]?.paramData).toBe('number');
    expect(player.getStatus()).toBe('playing');
    expect(player.getDuration()).toBe(10);
    expect(player.playInfo).toEqual({
      url: 'https://media.test/v1.mp4',
      format: 'mp4',
      duration: 10,
      title: 'First',
      definition: 'OD',
    });
  });

  test('autoplay: false loads without playing (status loading, as observed); play() starts it', async () => {
    const player = create({ autoplay: false });
    const log = recordEvents(player, [...ALL_EVENTS, 'canplaythrough']);
    await nextEvent(player, 'canplaythrough');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.seen).toEqual([
      'playInfoLoaded',
      'prepare',
      'sourceloaded',
      'init',
      'changeURL',
      'durationchange',
      'ready',
      'canplay',
      'timeupdate',
      'canplaythrough',
    ]);
    expect(log.of('canplay')[0]?.paramData).toEqual({ loadtime: Number.NaN });
    expect(log.of('timeupdate')[0]?.paramData).toBe(0);
    expect(player.getStatus()).toBe('loading');
    player.play();
    await nextEvent(player, 'timeupdate');
    expect(log.seen.slice(-3)).toEqual(['play', 'playing', 'timeupdate']);
    expect(player.getStatus()).toBe('playing');
  });

  test.each([
    ['blocked', false, false],
    ['muted', false, false],
    ['muted', true, true],
  ] as const)('autoplayPolicy %s with mute=%s autoplays: %s', async (policy, mute, plays) => {
    FakeAliplayer.configure({ autoplayPolicy: policy });
    const player = create({ mute });
    const log = recordEvents(player, ALL_EVENTS);
    const autoplay = await nextEvent(player, 'autoplay');
    expect(autoplay.paramData).toBe(plays);
    expect(log.seen.includes('autoPlayPrevented')).toBe(!plays);
    expect(log.seen.includes('play')).toBe(plays);
  });

  test('one() fires once; off(name, handler) removes it, also when added with one()', async () => {
    const player = create();
    const once = vi.fn();
    const removed = vi.fn();
    player.one('timeupdate', once);
    player.one('timeupdate', removed);
    player.off('timeupdate', removed);
    await nextEvent(player, 'timeupdate');
    await nextEvent(player, 'timeupdate');
    expect(once).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
    expect(player.listenerCount('timeupdate')).toBe(0);
  });

  test('off(name) without a handler also removes the internal (UI) listeners, like the SDK', async () => {
    const player = create({ cover: 'https://img.test/cover.jpg' });
    const mine = vi.fn();
    player.on('play', mine);
    expect(player.listenerCount('play')).toBe(1);
    expect(player.internalListenerCount('play')).toBe(1);
    player.off('play');
    expect(player.listenerCount('play')).toBe(0);
    expect(player.internalListenerCount('play')).toBe(0);
    await nextEvent(player, 'playing');
    expect(mine).not.toHaveBeenCalled();
    // The SDK's UI no longer hears `play`: the cover stays up.
    expect(page.container.querySelector('.prism-cover')).toBeVisible();
  });

  test('with its UI listeners in place the cover hides on play', async () => {
    const player = create({ cover: 'https://img.test/cover.jpg' });
    expect(page.container.querySelector('.prism-cover')).toBeVisible();
    await nextEvent(player, 'playing');
    expect(page.container.querySelector('.prism-cover')).not.toBeVisible();
  });

  test('a throwing handler does not stop the others; its error is reported as uncaught', async () => {
    const reported: unknown[] = [];
    FakeAliplayer.onUncaughtError = (error) => reported.push(error);
    const player = create();
    const after = vi.fn();
    player.on('prepare', () => {
      throw new Error('boom');
    });
    player.on('prepare', after);
    await nextEvent(player, 'canplay');
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([new Error('boom')]);
  });
});

describe('simulated time (fake timers)', () => {
  test('advances 0.25 s per 250 ms tick, pauses, seeks, ends and loops', async () => {
    vi.useFakeTimers();
    const player = create({ vid: 'v1' });
    const log = recordEvents(player, ALL_EVENTS);
    await vi.advanceTimersByTimeAsync(0);
    expect(player.getStatus()).toBe('playing');
    expect(player.getCurrentTime()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(player.getCurrentTime()).toBeCloseTo(1, 5);
    expect(log.of('timeupdate')).toHaveLength(5);

    player.pause();
    expect(log.seen.at(-1)).toBe('pause');
    await vi.advanceTimersByTimeAsync(5000);
    expect(player.getCurrentTime()).toBeCloseTo(1, 5);
    expect(player.getStatus()).toBe('pause');

    player.seek(9);
    await vi.advanceTimersByTimeAsync(0);
    expect(player.getCurrentTime()).toBe(9);
    expect(log.seen.slice(-3)).toEqual(['seeking', 'seeked', 'timeupdate']);

    player.play();
    await vi.advanceTimersByTimeAsync(1000);
    expect(player.getCurrentTime()).toBe(10);
    expect(log.seen.slice(-3)).toEqual(['pause', 'timeupdate', 'ended']);
    expect(log.of('timeupdate').at(-1)?.paramData).toBe(10);
    expect(log.of('ended')[0]?.paramData).toEqual({ playTime: 2 });
    expect(player.getStatus()).toBe('ended');
    await vi.advanceTimersByTimeAsync(1000);
    expect(player.getCurrentTime()).toBe(10);

    // play() on ended media starts over.
    player.play();
    await vi.advanceTimersByTimeAsync(500);
    expect(player.getCurrentTime()).toBeCloseTo(0.5, 5);
  });

  test('rePlay loops from 0 after ended', async () => {
    vi.useFakeTimers();
    const player = create({ rePlay: true });
    const log = recordEvents(player, ['ended', 'play']);
    await vi.advanceTimersByTimeAsync(10_750);
    expect(log.seen).toEqual(['play', 'ended', 'play']);
    expect(player.getCurrentTime()).toBeCloseTo(0.5, 5);
  });

  test('authkeyexpired fires 7000 s after the source loaded, whatever authTimeout is', async () => {
    vi.useFakeTimers();
    const player = create({ autoplay: false, authTimeout: 3600 });
    const expired = vi.fn();
    player.on('authkeyexpired', expired);
    await vi.advanceTimersByTimeAsync(6_999_000);
    expect(expired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(expired.mock.calls[0]?.[0]).toEqual({ type: 'authkeyexpired', paramData: null });
  });

  test('replayByVidAndPlayAuth restarts the timer of authkeyexpired', async () => {
    vi.useFakeTimers();
    const player = create({ autoplay: false });
    const expired = vi.fn();
    player.on('authkeyexpired', expired);
    await vi.advanceTimersByTimeAsync(5_000_000);
    player.replayByVidAndPlayAuth('v1', createPlayAuth('v1'));
    await vi.advanceTimersByTimeAsync(5_000_000);
    expect(expired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });
});

describe('replayByVidAndPlayAuth', () => {
  test('fetches play info again and restarts at 0; the ready callback runs once', async () => {
    vi.useFakeTimers();
    const ready = vi.fn();
    const player = create({}, ready);
    await vi.advanceTimersByTimeAsync(5000);
    expect(player.getCurrentTime()).toBeCloseTo(5, 5);
    const log = recordEvents(player, ALL_EVENTS);
    player.replayByVidAndPlayAuth('v2', createPlayAuth('v2'));
    // Like the SDK, the old position is reported until the new source has loaded.
    expect(player.getCurrentTime()).toBeCloseTo(5, 5);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.seen.slice(0, 6)).toEqual([
      'playInfoLoaded',
      'prepare',
      'sourceloaded',
      'init',
      'changeURL',
      'play',
    ]);
    expect(player.getCurrentTime()).toBe(0);
    expect(player.getDuration()).toBe(20);
    expect(player.playInfo?.title).toBe('Second');
    expect(player.getOptions().vid).toBe('v2');
    expect(ready).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(player.getCurrentTime()).toBeCloseTo(1, 5);
  });

  test('updateSourcesByVidAndPlayAuth throws a TypeError, as in SDK 2.37.7', () => {
    const player = create();
    expect(() => player.updateSourcesByVidAndPlayAuth('v2', createPlayAuth('v2'))).toThrow(
      TypeError,
    );
  });
});

describe('dispose', () => {
  test('is idempotent, empties the container but keeps class and inline size, stops everything', async () => {
    vi.useFakeTimers();
    const player = create({ width: '640px', height: '360px' });
    const timeupdate = vi.fn();
    player.on('timeupdate', timeupdate);
    await vi.advanceTimersByTimeAsync(500);
    expect(timeupdate).toHaveBeenCalled();
    player.dispose();
    player.dispose();
    timeupdate.mockClear();
    await vi.advanceTimersByTimeAsync(10_000_000);
    expect(timeupdate).not.toHaveBeenCalled();
    expect(page.container.childElementCount).toBe(0);
    expect(page.container).toHaveClass('prism-player');
    expect(page.container.style.width).toBe('640px');
    expect(page.container.style.height).toBe('360px');
    expect(player.tag).toBeNull();
    expect(FakeAliplayer.instances).not.toContain(player);
  });

  test('a new player can be created in the same container', async () => {
    const first = create();
    await nextEvent(first, 'canplay');
    first.dispose();
    const next = create({ vid: 'v2', playauth: createPlayAuth('v2') });
    await nextEvent(next, 'playing');
    expect(next.getDuration()).toBe(20);
    expect(page.container.querySelectorAll('video')).toHaveLength(1);
  });
});

describe('controls and registry', () => {
  test('mute, unMute, setVolume, setPlayerSize, setCover, fullscreenService', async () => {
    const player = create({ mute: true });
    expect(player.muted).toBe(true);
    expect(player.tag?.muted).toBe(true);
    await nextEvent(player, 'canplay');
    const volume = vi.fn();
    player.on('volumechange', volume);
    player.unMute();
    player.setVolume(0.4);
    player.setVolume(3);
    expect(player.muted).toBe(false);
    expect(player.getVolume()).toBe(1);
    expect(volume).toHaveBeenCalledTimes(3);
    player.setPlayerSize('200px', '100px');
    expect(page.container.style.width).toBe('200px');
    player.setCover('https://img.test/other.jpg');
    expect(player.getOptions().cover).toBe('https://img.test/other.jpg');
    player.fullscreenService.requestFullScreen();
    expect(player.fullscreenService.getIsFullScreen()).toBe(true);
  });

  test('instances, created, latest, reset and getVersion', () => {
    FakeAliplayer.strict = false; // disposes players still loading
    const first = create();
    const { player: second, container: other } = playerInNewContainer('v1');
    expect(FakeAliplayer.created).toBe(2);
    expect(FakeAliplayer.instances).toEqual([first, second]);
    expect(FakeAliplayer.latest).toBe(second);
    first.dispose();
    expect(FakeAliplayer.instances).toEqual([second]);
    expect(FakeAliplayer.created).toBe(2);
    FakeAliplayer.reset();
    expect(FakeAliplayer.created).toBe(0);
    expect(FakeAliplayer.instances).toEqual([]);
    expect(second.tag).toBeNull();
    expect(FakeAliplayer.getVersion()).toBe('2.37.7-fake');
    other.remove();
  });

  test('a playInfo resolver replaces the catalog; per-player config overrides the default', async () => {
    FakeAliplayer.configure({
      playInfo: (vid) => ({ url: `https://cdn.test/${vid}.m3u8`, duration: 42, title: 'Resolved' }),
    });
    const resolved = create();
    await nextEvent(resolved, 'canplay');
    expect(resolved.playInfo).toEqual({
      url: 'https://cdn.test/v1.m3u8',
      format: 'm3u8',
      duration: 42,
      title: 'Resolved',
      definition: 'OD',
    });
    const { player: own, container: other } = playerInNewContainer('v1', {
      fake: { playInfo: () => ({ url: 'https://cdn.test/own.mp4', duration: 7 }) },
    });
    await nextEvent(own, 'canplay');
    expect(own.getDuration()).toBe(7);
    other.remove();
  });
});
