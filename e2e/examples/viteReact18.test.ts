import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalBackend, startLocalBackend } from '../../dev/startLocalBackend';
import { launchBrowser } from '../harness';
import {
  type AppPage,
  credentialLeaks,
  type OpenAppPageOptions,
  openAppPage,
  remoteRequests,
  videoTime,
} from './appPage';
import {
  exec,
  freePort,
  npmEnv,
  type PreparedExample,
  prepareExample,
  type RunningExample,
  startExampleServer,
} from './exampleApp';

// examples/vite-react18 as a user runs it: installed from its lockfile and the packed packages
// outside the repository, type-checked against the packed .d.ts with React 18 types, built with
// `vite build`, served by its Express backend (createPlayAuthHandler through toNodeHandler)
// against the VOD emulator, and driven in Chromium.

const { testPattern } = DEFAULT_VIDEO_IDS;
/** A well-formed id the emulator's catalogue does not hold. */
const missing = '0000000000000000000000000000dead';
const TEN_MINUTES = 10 * 60_000;

let example: PreparedExample;
let backend: LocalBackend;
let app: RunningExample;
let browser: Browser;
let current: AppPage | undefined;
const timings: Record<string, number> = {};

beforeAll(async () => {
  // The local backend's emulator; the app's own Express backend signs requests to it.
  [backend, browser] = await Promise.all([startLocalBackend({ listen: false }), launchBrowser()]);
  example = await prepareExample('vite-react18');
  Object.assign(timings, example.timings);
  const started = performance.now();
  await exec(example.dir, 'npm', ['run', 'typecheck']);
  timings.typecheck = Math.round(performance.now() - started);
  const buildStarted = performance.now();
  await exec(
    example.dir,
    'npm',
    ['run', 'build'],
    npmEnv({ VITE_PLAYAUTH_FAKE_PLAYER: '1', VITE_PLAYAUTH_VOD_SERVER: backend.customVodServer }),
  );
  timings.build = Math.round(performance.now() - buildStarted);
  const port = await freePort();
  app = await startExampleServer(example.dir, ['build/server/server.js'], port, {
    PORT: String(port),
    PLAYAUTH_EMULATOR_URL: backend.customVodServer,
  });
  console.log(`[examples] vite-react18 ${JSON.stringify(timings)} (npm ci: ${example.installed})`);
}, 600_000);

afterAll(async () => {
  await Promise.all([app?.close(), browser?.close(), backend?.close()]);
});

afterEach(async () => {
  const page = current;
  current = undefined;
  await page?.close();
});

async function open(path: string, options?: OpenAppPageOptions): Promise<AppPage> {
  current = await openAppPage(browser, `${app.url}${path}`, options);
  return current;
}

/** The page plays: the `<video>`'s currentTime is above zero and still increasing. */
async function expectPlaying(page: AppPage): Promise<void> {
  let first = -1;
  await expect
    .poll(async () => (first = await videoTime(page.page)), { timeout: 30_000, interval: 200 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => videoTime(page.page), { timeout: 10_000, interval: 200 })
    .toBeGreaterThan(first);
}

/** Nothing left 127.0.0.1, nothing was logged as an error or warning, nothing was thrown. */
async function expectClean(page: AppPage): Promise<void> {
  await page.settled();
  expect(remoteRequests(page.requests)).toEqual([]);
  expect(page.pageErrors).toEqual([]);
  expect(page.console).toEqual([]);
  expect(credentialLeaks(page.documents, page.playAuths)).toEqual([]);
}

describe('examples/vite-react18 (React 18 SPA, Express backend, packed packages)', () => {
  it('lists the videos and plays one through FakeAliplayer (currentTime advances)', async () => {
    const page = await open('/');
    await page.page.getByRole('link', { name: 'Test pattern with a 440 Hz tone' }).click();
    await page.page.waitForURL(`**/?v=${testPattern}`);
    await expectPlaying(page);
    expect(page.playAuths.length).toBe(1);
    await expectClean(page);
  });

  it('plays with the browser clock 10 minutes ahead, without errors', async () => {
    const page = await open(`/?v=${testPattern}`, { clockAheadMs: TEN_MINUTES });
    expect(await page.page.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + TEN_MINUTES - 60_000);
    await expectPlaying(page);
    await expectClean(page);
  });

  it('shows the not-found alert for an unknown id', async () => {
    const page = await open(`/?v=${missing}`);
    const alert = page.page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/could not be found/i);
    await page.settled();
    expect(page.pageErrors).toEqual([]);
    // Chromium itself logs the endpoint's 404 ("Failed to load resource"); nothing else.
    expect(page.console.filter((line) => !/Failed to load resource.*404/.test(line))).toEqual([]);
  });

  it('serves no credential in its HTML', async () => {
    const html = await (await fetch(`${app.url}/?v=${testPattern}`)).text();
    expect(credentialLeaks([{ url: '/', body: html }], [])).toEqual([]);
  });
});
