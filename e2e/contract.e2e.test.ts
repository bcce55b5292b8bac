import { createManualClock, DEFAULT_VIDEO_IDS, type ManualClock } from '@playauth/emulator';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  launchBrowser,
  openTestPage,
  SDK_BUILD_URL,
  startBackend,
  type TestPage,
} from './harness';
import type { ContractFixture, ContractObservations } from './page/contractScenarios';

// The Aliplayer contract (packages/testing/src/contract/aliplayerContract.ts) is a Vitest suite
// that constructs players in-process; the real SDK only plays without a licence on file: pages,
// which Vitest's browser mode cannot serve. So its key scenarios are re-run here inside the file:
// page (e2e/page/contractScenarios.ts) against the real SDK AND FakeAliplayer, with the same
// expectations, so the fake cannot drift from the SDK unnoticed.

const EVENT_ORDER = [
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
];

let browser: Browser;
let backend: Backend;
let clock: ManualClock;
let page: TestPage | undefined;

beforeAll(async () => {
  clock = createManualClock();
  [browser, backend] = await Promise.all([launchBrowser(), startBackend({ clock })]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), backend?.close()]);
});

afterEach(async () => {
  const current = page;
  page = undefined;
  if (!current) return;
  try {
    current.assertClean();
  } finally {
    await current.close();
  }
});

function fixture(): ContractFixture {
  const { emulator } = backend;
  const videoId = DEFAULT_VIDEO_IDS.testPattern;
  const missingVideoId = '0000000000000000000000000000beef';
  // The emulator mints PlayAuths only for catalogue videos and cannot delete one: list the id,
  // then make GetPlayInfo answer exactly what VOD answers for an unknown video (404 NotFound).
  emulator.setVideo({ videoId: missingVideoId, title: 'Gone', duration: 6, status: 'Normal' });
  emulator.clearFaults();
  emulator.addFault({
    action: 'GetPlayInfo',
    videoId: missingVideoId,
    code: 'InvalidVideo.NotFound',
    status: 404,
    message: 'The video does not exist.',
  });
  // Minted 200 s ago with a 100 s validity; then the clock is back at real time, so the SDK's
  // signed requests stay within the gateway's clock skew.
  clock.set(Date.now() - 200_000);
  const expiredPlayAuth = emulator.createPlayAuth(videoId, 100);
  clock.set(Date.now());
  return {
    videoId,
    missingVideoId,
    playAuths: [1, 2, 3].map(() => emulator.createPlayAuth(videoId, 3000)),
    missingPlayAuth: emulator.createPlayAuth(missingVideoId, 3000),
    expiredPlayAuth,
    options: {
      customVodServer: backend.customVodServer,
      // Without it the SDK asks vod.<region>.aliyuncs.com first and the custom server only after.
      customVodServerFirst: true,
      mute: true,
      assetPrefix: SDK_BUILD_URL.replace(/\/$/, ''), // the SDK appends '/hls/…'
      trackLog: false,
      disableTrack: true,
      disableDumpBuffer: true,
    },
    timeoutMs: 15_000,
  };
}

async function run(
  scenario: string,
  implementation: 'real' | 'fake',
): Promise<ContractObservations> {
  page = await openTestPage(browser, {
    endpoint: backend.endpoint,
    vod: backend.customVodServer,
    scenario: 'contract',
  });
  const args = { scenario, implementation, fixture: fixture() };
  return page.page.evaluate(
    ({ scenario, implementation, fixture }) =>
      window.playauthE2e?.contract(scenario, implementation, fixture) ??
      Promise.reject(new Error('page API missing')),
    args,
  );
}

describe.each(['real', 'fake'] as const)('Aliplayer contract in Chromium: %s', (implementation) => {
  it('throws synchronously on an element id, a missing playauth or a missing container', async () => {
    const { throws } = await run('throws', implementation);
    expect(throws).toEqual({
      elementId: true,
      missingPlayauth: true,
      camelCasePlayAuth: true,
      missingContainer: true,
    });
  });

  it('fires the documented events in order up to playing', async () => {
    const { events = [], eventShapeOk } = await run('eventOrder', implementation);
    expect(eventShapeOk).toBe(true);
    const firsts = EVENT_ORDER.map((event) => events.indexOf(event));
    expect(
      firsts.every((index) => index >= 0),
      `events: ${events.join(' ')}`,
    ).toBe(true);
    expect(firsts, `events: ${events.join(' ')}`).toEqual([...firsts].sort((a, b) => a - b));
  });

  it('restarts at 0 on replayByVidAndPlayAuth', async () => {
    const { timeBeforeReplay = 0, timeAfterReplay = 99 } = await run('replay', implementation);
    expect(timeBeforeReplay).toBeGreaterThanOrEqual(1);
    expect(timeAfterReplay).toBeLessThan(0.5);
  });

  it('dispose empties the container, keeps class and size, is idempotent, allows a new player', async () => {
    const { disposed } = await run('dispose', implementation);
    expect(disposed).toMatchObject({
      childCount: 0,
      hasClass: true,
      width: '320px',
      height: '180px',
      secondDisposeThrew: false,
    });
    expect(disposed?.nextDuration).toBeGreaterThan(0);
  });

  it('reports an expired credential as 4002 without the ready callback', async () => {
    const { error } = await run('expired', implementation);
    expect(error).toEqual({ code: 4002, messageType: 'string', readyCalled: false });
  });

  it('reports an undecodable PlayAuth as 4012', async () => {
    const { error } = await run('undecodable', implementation);
    expect(error?.code).toBe(4012);
  });

  it('reports an unknown video as 4500', async () => {
    const { error } = await run('missing', implementation);
    expect(error?.code).toBe(4500);
  });
});
