// The fake driven by its real consumer, core's PlayerController.
import { type PlayAuthCredential, PlayerController, parsePlayAuthResponse } from '@playauth/core';
import { createPlayAuthBody, FakeAliplayer } from '@playauth/testing';
import { expect, test, vi } from 'vitest';
import { setUpFakeAliplayerPage } from './fakeAliplayerTestUtils';

const videos = { v1: { title: 'One', duration: 60 }, v2: { title: 'Two', duration: 30 } };

function credential(videoId: string): PlayAuthCredential {
  const issuedAt = Date.now();
  const body = createPlayAuthBody(videoId, {
    authInfoTimeout: 3000,
    video: videos[videoId as 'v1'],
  });
  return parsePlayAuthResponse(body, { videoId, authInfoTimeout: 3000, issuedAt });
}

const page = setUpFakeAliplayerPage(videos);

test('a StrictMode-like load, dispose, load builds one player and springs no trap', async () => {
  const uncaught: unknown[] = [];
  FakeAliplayer.onUncaughtError = (error) => uncaught.push(error);
  const first = new PlayerController({ sdk: FakeAliplayer, autoplay: true, muted: true });
  first.attach(page.container);
  first.load(credential('v1'));
  first.dispose();
  const second = new PlayerController({ sdk: FakeAliplayer, autoplay: true, muted: true });
  second.attach(page.container);
  second.load(credential('v1'));
  await vi.waitFor(() => expect(second.getSnapshot().status).toBe('playing'));
  expect(FakeAliplayer.created).toBe(1);
  expect(uncaught).toEqual([]);
  second.dispose();
  expect(FakeAliplayer.instances).toEqual([]);
  expect(page.container.childElementCount).toBe(0);
});

test('authkeyexpired renews the credential keeping position and play state', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const getCredential = vi.fn(async (videoId: string) => credential(videoId));
  const controller = new PlayerController({
    sdk: FakeAliplayer,
    autoplay: true,
    muted: true,
    getCredential,
  });
  controller.attach(page.container);
  controller.load(credential('v1'));
  await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('playing'));
  await vi.advanceTimersByTimeAsync(10_000);
  const position = controller.getCurrentTime();
  expect(position).toBeGreaterThan(9);
  const player = FakeAliplayer.latest;
  player?.simulateEvent('authkeyexpired');
  await vi.waitFor(() => expect(controller.getSnapshot().renewals).toBe(1));
  await vi.waitFor(() => expect(controller.getSnapshot().status).toBe('playing'));
  expect(getCredential).toHaveBeenCalledWith('v1', 'expired');
  expect(FakeAliplayer.latest).toBe(player);
  expect(Math.abs(controller.getCurrentTime() - position)).toBeLessThan(1);
  controller.dispose();
  expect(player?.listenerCount()).toBe(0);
});
