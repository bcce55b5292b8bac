// @vitest-environment jsdom
import { FakeAliplayer } from '@playauth/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lingeringPlayers } from '../LingeringPlayers';
import { resetAliplayerLoader } from '../loadAliplayer';
import { PlayerController } from '../PlayerController';
import { testCredential } from './testCredential';

const flush = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const credential = (videoId?: string) => testCredential(videoId, 600);

let controller: PlayerController;
let online: boolean;

beforeEach(() => {
  vi.useFakeTimers();
  resetAliplayerLoader();
  FakeAliplayer.reset();
  document.body.replaceChildren();
  online = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
});

afterEach(() => {
  controller?.dispose();
  lingeringPlayers.flush();
  FakeAliplayer.reset();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A controller playing v1 for 20 s of simulated time. */
async function playing() {
  const getCredential = vi.fn(async (videoId: string) => credential(videoId));
  controller = new PlayerController({ sdk: FakeAliplayer, getCredential });
  const box = document.createElement('div');
  document.body.append(box);
  controller.attach(box);
  controller.load(credential());
  await flush(100);
  controller.play();
  await flush(20_000);
  expect(controller.getSnapshot().status).toBe('playing');
  return { getCredential, player: FakeAliplayer.latest as FakeAliplayer };
}

describe('offline and back', () => {
  it.each([
    [
      'an SDK network error',
      (player: FakeAliplayer): (() => void) | undefined => {
        player.simulateError(4016, 'network error');
        return undefined;
      },
    ],
    [
      'a media stall (no data ahead)',
      (player: FakeAliplayer): (() => void) | undefined => {
        const stalled = vi.spyOn(player.tag as HTMLVideoElement, 'readyState', 'get');
        stalled.mockReturnValue(2);
        return () => stalled.mockRestore();
      },
    ],
  ])(
    '%s while offline shows as an error; playback resumes at the position once online',
    async (_, cut) => {
      const { getCredential, player } = await playing();
      online = false;
      const reconnect = cut(player);
      window.dispatchEvent(new Event('offline'));
      // No renewal attempt while offline (it would fail too): the error state shows. (A stalled
      // fake would go on counting time, so the stall case does not wait.)
      await flush(reconnect ? 0 : 5_000);
      expect(controller.getSnapshot()).toMatchObject({ status: 'error' });
      expect(controller.getSnapshot().error?.code).toBe('Player.4016');
      expect(getCredential).not.toHaveBeenCalled();

      const position = controller.getCurrentTime();
      expect(position).toBeGreaterThan(10);
      online = true;
      reconnect?.();
      window.dispatchEvent(new Event('online'));
      await flush(1_000);
      expect(controller.getSnapshot().status).toBe('playing');
      expect(controller.player).toBe(player);
      expect(FakeAliplayer.created).toBe(1);
      // Not from the start. (A stalled fake goes on counting time; e2e/feed.test.ts checks the
      // exact position on the real SDK.)
      expect(controller.getCurrentTime()).toBeGreaterThan(position - 1.5);
      if (!reconnect) expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(1.5);
    },
  );

  it('going offline with data ahead, or a stall while online, is no error', async () => {
    const { player } = await playing();
    vi.spyOn(player.tag as HTMLVideoElement, 'readyState', 'get').mockReturnValue(4);
    online = false;
    window.dispatchEvent(new Event('offline'));
    expect(controller.getSnapshot().status).toBe('playing');
    online = true;
    vi.spyOn(player.tag as HTMLVideoElement, 'readyState', 'get').mockReturnValue(2);
    player.simulateEvent('waiting');
    expect(controller.getSnapshot().status).toBe('playing');
    online = false;
    player.simulateEvent('waiting');
    expect(controller.getSnapshot().status).toBe('error');
  });

  it('online events after dispose do nothing', async () => {
    const { player, getCredential } = await playing();
    online = false;
    player.simulateError(4016);
    controller.dispose();
    online = true;
    window.dispatchEvent(new Event('online'));
    await flush(1_000);
    expect(getCredential).not.toHaveBeenCalled();
    expect(controller.getSnapshot().status).toBe('disposed');
  });
});
