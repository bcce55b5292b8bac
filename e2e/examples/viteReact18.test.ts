import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import { describe, expect, it } from 'vitest';
import { credentialLeaks } from './appPage';
import {
  ENDPOINT_404,
  expectClean,
  expectInstalledFromTarballs,
  expectPlaying,
  MISSING_VIDEO_ID,
  setupExampleSession,
  TEN_MINUTES,
} from './setupExampleSession';

// examples/vite-react18 as a user runs it: installed from its lockfile and the packed packages
// outside the repository, type-checked against the packed .d.ts with React 18 types, built with
// `vite build`, served by its Express backend (createPlayAuthHandler through toNodeHandler)
// against the VOD emulator, and driven in Chromium.

const { testPattern } = DEFAULT_VIDEO_IDS;

// `npm run build` type-checks the SPA and the server (strict, skipLibCheck off) first.
const session = setupExampleSession('vite-react18', {
  buildEnv: (emulatorUrl) => ({
    VITE_PLAYAUTH_FAKE_PLAYER: '1',
    VITE_PLAYAUTH_VOD_SERVER: emulatorUrl,
  }),
  start: (port, emulatorUrl) => ({
    args: ['build/server/server.js'],
    env: { PORT: String(port), PLAYAUTH_EMULATOR_URL: emulatorUrl },
  }),
});

describe('examples/vite-react18 (React 18 SPA, Express backend, packed packages)', () => {
  it('installed @playauth/* from the packed tarballs and type-checked with React 18 types', () => {
    expectInstalledFromTarballs(session, 18); // `npm run build` (tsc on the SPA and the server) type-checked, strict
  });

  it('lists the videos and plays one through FakeAliplayer (currentTime advances)', async () => {
    const page = await session.open('/');
    await page.page.getByRole('link', { name: 'Test pattern with a 440 Hz tone' }).click();
    await page.page.waitForURL(`**/?v=${testPattern}`);
    await expectPlaying(page);
    await expectClean(page);
    expect(page.playAuths.length).toBe(1);
  });

  it('plays with the browser clock 10 minutes ahead, without errors', async () => {
    const page = await session.open(`/?v=${testPattern}`, { clockAheadMs: TEN_MINUTES });
    expect(await page.page.evaluate(() => Date.now())).toBeGreaterThan(
      Date.now() + TEN_MINUTES - 60_000,
    );
    await expectPlaying(page);
    await expectClean(page);
  });

  it('shows the not-found alert for an unknown id', async () => {
    const page = await session.open(`/?v=${MISSING_VIDEO_ID}`);
    const alert = page.page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/could not be found/i);
    await expectClean(page, [ENDPOINT_404]);
  });

  it('serves a production build with no credential in its HTML', async () => {
    const html = await (await fetch(`${session.app.url}/?v=${testPattern}`)).text();
    expect(html).toContain('<div id="root">');
    expect(credentialLeaks([{ url: '/', body: html }], [])).toEqual([]);
    // React's production build: none of the development build's warnings are bundled.
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    const bundle = await (await fetch(`${session.app.url}${script}`)).text();
    expect(bundle.length).toBeGreaterThan(10_000);
    expect(bundle).not.toContain('Each child in a list should have a unique');
  });
});
