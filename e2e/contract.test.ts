import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import {
  ALIPLAYER_SCENARIOS,
  type AliplayerObservations,
  type AliplayerScenario,
} from '@playauth/testing/contract';
import { expectAliplayerContract } from '@playauth/testing/contract/vitest';
import { describe, it } from 'vitest';
import { SDK_BUILD_URL } from './harness';
import type { PageContractFixture } from './page/PageApi';
import { setupE2eSession } from './setupE2eSession';

// The Aliplayer contract of @playauth/testing, against the real SDK and FakeAliplayer alike. The
// real SDK only plays without a licence on file: pages, which Vitest's browser mode cannot serve:
// the page runs the contract's own scenario functions and this side applies the contract's own
// assertions to what they observed, so the fake cannot drift from the SDK unnoticed.

// Renditions: MP4 and HLS in LD and SD, so the definitions scenario has two to switch between.
const session = setupE2eSession({ renditions: true });

function fixture(): PageContractFixture {
  const { backend, clock } = session;
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
  scenario: AliplayerScenario,
  implementation: 'real' | 'fake',
): Promise<AliplayerObservations> {
  const { page } = await session.open({ scenario: 'contract' });
  const args = { scenario, implementation, fixture: fixture() };
  return page.evaluate(
    ({ scenario, implementation, fixture }) =>
      window.playauthPage?.contract(scenario, implementation, fixture) ??
      Promise.reject(new Error('page API missing')),
    args,
  );
}

describe.each(['real', 'fake'] as const)('Aliplayer contract in Chromium: %s', (implementation) => {
  for (const [scenario, title] of Object.entries(ALIPLAYER_SCENARIOS)) {
    it(title, async () => {
      const key = scenario as AliplayerScenario;
      expectAliplayerContract(key, await run(key, implementation));
    });
  }
});
