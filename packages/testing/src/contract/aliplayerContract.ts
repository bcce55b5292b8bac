import type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerErrorData,
  AliplayerEventName,
  AliplayerOptions,
} from '@playauth/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** What one scenario needs from the environment (a VOD server, credentials, options). */
export interface AliplayerContractFixture {
  /** A playable video (at least 3 s long) known to the VOD server the player asks. */
  videoId: string;
  /** A video id the VOD server does not know. */
  missingVideoId: string;
  /** A fresh, valid PlayAuth for `videoId` (or for `missingVideoId`). */
  playAuth(videoId: string): string | Promise<string>;
  /** A PlayAuth for `videoId` whose `AuthInfo.ExpireTime` is in the past. */
  expiredPlayAuth(videoId: string): string | Promise<string>;
  /**
   * Options for every player: e.g. `customVodServer`, `mute: true` (so autoplay is allowed),
   * `trackLog: false`, `disableTrack: true`, `assetPrefix`.
   */
  options?: Partial<AliplayerOptions>;
}

/** How {@link describeAliplayerContract} reaches the implementation under test. */
export interface AliplayerContractEnvironment {
  /** The constructor under test: `FakeAliplayer`, or the real SDK's `window.Aliplayer`. */
  getConstructor(): AliplayerConstructor | Promise<AliplayerConstructor>;
  /** Called before each scenario. */
  setup(): AliplayerContractFixture | Promise<AliplayerContractFixture>;
  /** Called after each scenario, after the players were disposed. */
  teardown?(): void | Promise<void>;
  /** Milliseconds to wait for one expected event. Default 10 000. */
  eventTimeoutMs?: number;
}

/** The SDK's documented event order up to `playing` (autoplay, muted). */
export const CONTRACT_EVENT_ORDER = [
  'playInfoLoaded',
  'prepare',
  'readyCallback',
  'sourceloaded',
  'init',
  'changeURL',
  'play',
  'waiting',
  'durationchange',
  'ready',
  'canplay',
  'playing',
] as const;

/** Resolves with the next `name` event's `paramData`; rejects after `timeoutMs`. */
function nextEvent<T = unknown>(
  player: Aliplayer,
  name: AliplayerEventName,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      player.off(name, handler);
      reject(new Error(`No "${name}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (event: { paramData: unknown }) => {
      clearTimeout(timer);
      player.off(name, handler);
      resolve(event.paramData as T);
    };
    player.on(name, handler);
  });
}

/** Resolves once `predicate()` holds, checking on every `timeupdate`. */
function untilTime(player: Aliplayer, predicate: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      player.off('timeupdate', handler);
      reject(new Error(`Playback did not reach the expected time within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      player.off('timeupdate', handler);
      resolve();
    };
    player.on('timeupdate', handler);
  });
}

/**
 * The behaviour playauth relies on, written against the `Aliplayer` interface only, so that the
 * same scenarios run against {@link FakeAliplayer} in jsdom and against the real SDK in a browser
 * (where the fake cannot drift from the real thing unnoticed). Registers a `describe` block.
 *
 * @example
 * ```ts
 * describeAliplayerContract('FakeAliplayer', {
 *   getConstructor: () => FakeAliplayer,
 *   setup: () => ({ videoId: 'v1', missingVideoId: 'nope', playAuth: (id) => createPlayAuth(id),
 *     expiredPlayAuth: (id) => createPlayAuth(id, { now: Date.now() - 3_600_000 }),
 *     options: { customVodServer: 'http://127.0.0.1:9999/vod', mute: true } }),
 * });
 * ```
 */
export function describeAliplayerContract(name: string, env: AliplayerContractEnvironment): void {
  describe(`Aliplayer contract: ${name}`, () => {
    const wait = env.eventTimeoutMs ?? 10_000;
    let Player: AliplayerConstructor;
    let fixture: AliplayerContractFixture;
    let container: HTMLDivElement;
    const players: Aliplayer[] = [];
    let counter = 0;

    const create = (options: Partial<AliplayerOptions>, ready?: (player: Aliplayer) => void) => {
      const player = new Player({ id: container.id, ...fixture.options, ...options }, ready);
      players.push(player);
      return player;
    };

    beforeEach(async () => {
      Player = await env.getConstructor();
      fixture = await env.setup();
      container = document.createElement('div');
      counter += 1;
      container.id = `aliplayer-contract-${counter}`;
      document.body.append(container);
    });

    afterEach(async () => {
      for (const player of players.splice(0)) player.dispose();
      container.remove();
      await env.teardown?.();
    });

    it('throws synchronously on an element id, a missing playauth or a missing container', async () => {
      const playauth = await fixture.playAuth(fixture.videoId);
      const vid = fixture.videoId;
      const base = { ...fixture.options, vid };
      expect(() => new Player({ ...base, id: container as unknown as string, playauth })).toThrow();
      expect(() => new Player({ ...base, id: container.id })).toThrow();
      expect(() => new Player({ ...base, id: container.id, playAuth: playauth })).toThrow();
      expect(() => new Player({ ...base, id: `${container.id}-absent`, playauth })).toThrow();
    });

    it('fires the documented events in order up to playing', async () => {
      const seen: string[] = [];
      const playauth = await fixture.playAuth(fixture.videoId);
      const player = create({ vid: fixture.videoId, playauth, autoplay: true, mute: true }, () =>
        seen.push('readyCallback'),
      );
      for (const event of CONTRACT_EVENT_ORDER) {
        if (event === 'readyCallback') continue;
        player.on(event, (e) => {
          expect(e.type).toBe(event);
          expect(e).toHaveProperty('paramData');
          seen.push(event);
        });
      }
      await nextEvent(player, 'playing', wait);
      const firsts = CONTRACT_EVENT_ORDER.map((event) => seen.indexOf(event));
      expect(
        firsts.every((index) => index >= 0),
        `events seen: ${seen.join(' ')}`,
      ).toBe(true);
      expect(firsts, `events seen: ${seen.join(' ')}`).toEqual([...firsts].sort((a, b) => a - b));
    });

    it('restarts at 0 on replayByVidAndPlayAuth', async () => {
      const player = create({
        vid: fixture.videoId,
        playauth: await fixture.playAuth(fixture.videoId),
        autoplay: true,
        mute: true,
      });
      await nextEvent(player, 'playing', wait);
      await untilTime(player, () => player.getCurrentTime() >= 1, wait);
      const fresh = await fixture.playAuth(fixture.videoId);
      const canplay = nextEvent(player, 'canplay', wait);
      player.replayByVidAndPlayAuth(fixture.videoId, fresh);
      await canplay;
      expect(player.getCurrentTime()).toBeLessThan(0.5);
    });

    it('dispose empties the container, keeps class and size, is idempotent and allows a new player', async () => {
      const player = create({
        vid: fixture.videoId,
        playauth: await fixture.playAuth(fixture.videoId),
        autoplay: true,
        mute: true,
        width: '320px',
        height: '180px',
      });
      await nextEvent(player, 'canplay', wait);
      player.dispose();
      expect(container.childElementCount).toBe(0);
      expect(container.classList.contains('prism-player')).toBe(true);
      expect(container.style.width).toBe('320px');
      expect(container.style.height).toBe('180px');
      expect(() => player.dispose()).not.toThrow();
      const next = create({
        vid: fixture.videoId,
        playauth: await fixture.playAuth(fixture.videoId),
        autoplay: false,
        mute: true,
      });
      await nextEvent(next, 'canplay', wait);
      expect(next.getDuration()).toBeGreaterThan(0);
    });

    it('reports an expired credential as error 4002, without the ready callback', async () => {
      let readyCalled = false;
      const player = create(
        { vid: fixture.videoId, playauth: await fixture.expiredPlayAuth(fixture.videoId) },
        () => {
          readyCalled = true;
        },
      );
      const error = await nextEvent<AliplayerErrorData>(player, 'error', wait);
      expect(error.error_code).toBe(4002);
      expect(typeof error.error_msg).toBe('string');
      expect(readyCalled).toBe(false);
    });

    it('fails an undecodable PlayAuth (4012) inside the constructor once the PlayAuth module is loaded', async () => {
      // The first player of a page loads the SDK's PlayAuth module asynchronously; after that,
      // decoding runs inside the constructor: the 4012 `error` fires before `new` returns, so a
      // listener attached afterwards misses it and only getStatus() tells.
      const warm = create({
        vid: fixture.videoId,
        playauth: await fixture.playAuth(fixture.videoId),
        autoplay: false,
      });
      await nextEvent(warm, 'playInfoLoaded', wait);
      warm.dispose();
      let readyCalled = false;
      const player = create({ vid: fixture.videoId, playauth: 'not a PlayAuth' }, () => {
        readyCalled = true;
      });
      expect(player.getStatus()).toBe('error');
      const loaded: string[] = [];
      player.on('playInfoLoaded', () => loaded.push('playInfoLoaded'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(loaded).toEqual([]);
      expect(readyCalled).toBe(false);
    });

    it('reports an unknown video as error 4500', async () => {
      const vid = fixture.missingVideoId;
      const player = create({ vid, playauth: await fixture.playAuth(vid) });
      const error = await nextEvent<AliplayerErrorData>(player, 'error', wait);
      expect(error.error_code).toBe(4500);
    });
  });
}
