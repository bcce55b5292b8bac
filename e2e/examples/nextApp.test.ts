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

// examples/next-app as a user runs it: installed from its lockfile and the packed packages
// outside the repository, type-checked against the packed .d.ts with React 19 types, built with
// `next build`, started with `next start` against the VOD emulator, and driven in Chromium.

const { testPattern, colourBars } = DEFAULT_VIDEO_IDS;
const TITLE = 'Test pattern with a 440 Hz tone';

const session = setupExampleSession('next-app', {
  // `next build` type-checks the app (strict, skipLibCheck off, so the packed .d.ts too).
  buildEnv: () => ({}),
  start: (port, emulatorUrl) => ({
    args: [
      'node_modules/next/dist/bin/next',
      'start',
      '--hostname',
      '127.0.0.1',
      '--port',
      `${port}`,
    ],
    env: { PLAYAUTH_EMULATOR_URL: emulatorUrl, PLAYAUTH_FAKE_PLAYER: '1' },
  }),
});

/** The server's answer to `path`: HTML, or the RSC payload a client navigation fetches. */
async function serverText(path: string, rsc = false): Promise<string> {
  const response = await fetch(`${session.app.url}${path}`, {
    headers: rsc ? { RSC: '1' } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain(rsc ? 'text/x-component' : 'text/html');
  return response.text();
}

/** How many PlayAuths the emulator minted so far. */
const minted = () => session.backend.emulator.count('GetVideoPlayAuth');

describe('examples/next-app (Next.js App Router, React 19, packed packages)', () => {
  it('installed @playauth/* from the packed tarballs and type-checked with React 19 types', () => {
    expectInstalledFromTarballs(session, 19); // `next build` type-checked, strict
  });

  it('server-renders covers and titles of the list without minting a PlayAuth', async () => {
    const before = minted();
    const html = await serverText('/');
    expect(html).toContain(TITLE);
    expect(html).toContain('Colour bars with a 660 Hz tone');
    for (const videoId of [testPattern, colourBars]) {
      expect(html).toMatch(
        new RegExp(`<img [^>]*src="http://127\\.0\\.0\\.1:\\d+/cover/${videoId}\\.svg"`),
      );
    }
    expect(minted()).toBe(before);
    expect(credentialLeaks([{ url: '/', body: html }], [])).toEqual([]);
  });

  it('server-renders the player page with cover, title and duration, and no credential', async () => {
    const before = minted();
    const html = await serverText(`/videos/${testPattern}`);
    expect(html).toContain(TITLE);
    expect(html).toContain(`/cover/${testPattern}.svg`);
    const rsc = await serverText(`/videos/${testPattern}`, true);
    expect(rsc).toContain(TITLE);
    expect(minted()).toBe(before);
    expect(
      credentialLeaks(
        [
          { url: 'html', body: html },
          { url: 'rsc', body: rsc },
        ],
        [],
      ),
    ).toEqual([]);
  });

  it('navigates from the list and plays through FakeAliplayer, no hydration warning', async () => {
    const page = await session.open('/');
    await page.page.getByRole('link', { name: TITLE }).click();
    await page.page.waitForURL(`**/videos/${testPattern}`);
    await expectPlaying(page);
    await expectClean(page);
    // The credential came from the browser's own request after hydration, never from a page.
    expect(page.playAuths.length).toBeGreaterThanOrEqual(1);
    expect(page.documents.some(({ url }) => url.includes(testPattern))).toBe(true);
  });

  it('hydrates and plays with the browser clock 10 minutes ahead', async () => {
    const page = await session.open(`/videos/${testPattern}`, { clockAheadMs: TEN_MINUTES });
    expect(await page.page.evaluate(() => Date.now())).toBeGreaterThan(
      Date.now() + TEN_MINUTES - 60_000,
    );
    await page.page.getByRole('region', { name: TITLE }).waitFor({ timeout: 20_000 });
    await expectPlaying(page);
    await expectClean(page);
  });

  it('shows the not-found alert for an unknown id', async () => {
    const page = await session.open(`/videos/${MISSING_VIDEO_ID}`);
    // The player's alert (Next's route announcer is an empty role="alert" too).
    const alert = page.page.locator('[data-playauth-player]').getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/could not be found/i);
    await expectClean(page, [ENDPOINT_404]);
  });
});
