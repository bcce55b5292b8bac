import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ALIPLAYER_BUILD_DIR } from '../dev/aliplayerBuildMiddleware';
import { isLocalUrl, startBackend } from './harness';
import { setupE2eSession } from './setupE2eSession';
import { expectAdvancing, media, playerStatus as status } from './videoPolling';

// Issue 16 on the real Aliplayer SDK (2.37.7) in Chromium: the player pool across mounts, no old
// video under a new state (failing switch, licence alert on top), rapid switching, offline and
// back. The same rules run on FakeAliplayer in packages/*/src/__tests__.

const { testPattern, colourBars, transcoding } = DEFAULT_VIDEO_IDS;
const missing = '0000000000000000000000000000dead';

const session = setupE2eSession();

describe('player pool (real SDK)', () => {
  it('an unmounted player is kept paused and hidden, and the next mount plays its video on it', async () => {
    const { page } = await session.open({ videoId: testPattern, strict: true, loop: true });
    await expectAdvancing(page, 2);
    const video = await page.locator('video').elementHandle();
    await page.evaluate(() => window.playauthPage?.unmount());
    await page.getByTestId('unmounted').waitFor();
    // Kept for reuse: paused, in the hidden holder, not in the app's tree.
    expect(await video?.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    expect(
      await video?.evaluate(
        (v) => v.closest<HTMLElement>('[data-playauth-lingering]')?.hidden ?? false,
      ),
    ).toBe(true);
    // Its media is released while it waits (not on the next mount's way to `playing`).
    expect(await video?.evaluate((v: HTMLVideoElement) => v.hasAttribute('src'))).toBe(false);
    const settled = session.backend.emulator.requests.length;
    await page.waitForTimeout(1_000);
    expect(session.backend.emulator.requests.length).toBe(settled);

    await page.evaluate((id) => {
      window.playauthPage?.setVideoId(id);
      window.playauthPage?.remount();
    }, colourBars);
    await expect
      .poll(async () => (await media(page))?.src ?? '', { timeout: 15_000 })
      .toContain(`/media/${colourBars}.mp4`);
    // The same <video>: the SDK player was reused, not created again.
    expect(await video?.evaluate((v) => v === document.querySelector('video'))).toBe(true);
    expect(await page.locator('video').count()).toBe(1);
    // From the start of the new video, not the old position.
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('playing');
    expect((await media(page))?.currentTime).toBeLessThan(2);
    await expectAdvancing(page, 0.2);
    await page.getByRole('region', { name: 'Colour bars with a 660 Hz tone' }).waitFor();
  });
});

describe('never the old video under a new state (real SDK)', () => {
  it.each([
    [missing, /could not be found/i],
    [transcoding, /still processing/i],
  ])(
    'switching to a failing video (%s) stops the old one; retry plays the requested one',
    async (videoId, text) => {
      const { page } = await session.open({ videoId: testPattern, loop: true });
      await expectAdvancing(page, 1);
      await page.evaluate((id) => window.playauthPage?.setVideoId(id), videoId);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.textContent()).toMatch(text);
      expect(await status(page)).toBe('error');
      // The old video stopped: paused and no longer advancing.
      const before = await media(page);
      expect(before?.paused).toBe(true);
      await page.waitForTimeout(500);
      expect((await media(page))?.currentTime).toBe(before?.currentTime);
    },
  );

  it('the backend down for the new video: error shows, retry plays the new video', async () => {
    const { page, context } = await session.open({ videoId: testPattern, loop: true });
    await expectAdvancing(page, 1);
    const down = (route: Route) => route.abort('connectionrefused');
    const credentialOf = (url: URL) =>
      url.pathname.endsWith('/play-auth') && url.searchParams.get('VideoId') === colourBars;
    await context.route(credentialOf, down);
    await page.evaluate((id) => window.playauthPage?.setVideoId(id), colourBars);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/could not be reached/i);
    expect(await status(page)).toBe('error');
    expect((await media(page))?.paused).toBe(true);
    expect((await media(page))?.src).toContain(`/media/${testPattern}.mp4`);

    await context.unroute(credentialOf, down);
    await alert.getByRole('button').click();
    await expect
      .poll(async () => (await media(page))?.src ?? '', { timeout: 15_000 })
      .toContain(`/media/${colourBars}.mp4`);
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('playing');
    await expectAdvancing(page, 0.2);
  });

  it('the licence alert is on top of the SDK overlay (self-hosted SDK on http, no licence)', async () => {
    // An http page (the SDK checks licences there), served by routes from the built test page and
    // the installed SDK; credentials from a backend that allows this origin.
    // Credentials and play info are proxied through the same origin: Chromium refuses requests
    // from this http origin to other loopback ports (local network access).
    const origin = 'http://127.0.0.1:9';
    const backend = await startBackend({}, { cors: { origin: [origin] } });
    const context = await session.browser.newContext({ viewport: { width: 960, height: 720 } });
    const pageDir = fileURLToPath(new URL('./.dist/', import.meta.url));
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.png': 'image/png',
    };
    try {
      const errors: Error[] = [];
      await context.route(
        (url) => !isLocalUrl(url.href),
        (route) => route.abort('blockedbyclient'),
      );
      await context.route(`${origin}/**`, async (route) => {
        const { pathname, search } = new URL(route.request().url());
        const [, root, ...rest] = pathname.split('/');
        if (root === 'api' || root === 'vod') {
          const target = root === 'api' ? backend.endpoint : backend.customVodServer;
          const response = await route.fetch({ url: `${target}${search}` });
          return route.fulfill({ response });
        }
        const base = root === 'sdk' ? ALIPLAYER_BUILD_DIR : pageDir;
        const file = join(base, ...rest);
        try {
          const body = await readFile(file);
          await route.fulfill({
            body,
            headers: {
              'content-type': types[extname(file)] ?? 'application/octet-stream',
              'access-control-allow-origin': '*',
            },
          });
        } catch {
          await route.fulfill({ status: 404, body: '' });
        }
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error));
      const query = new URLSearchParams({
        sdk: `${origin}/sdk/`,
        endpoint: `${origin}/api/play-auth`,
        vod: `${origin}/vod`,
        videoId: testPattern,
      });
      await page.goto(`${origin}/page/index.html?${query}`);
      const alert = page.locator('[data-playauth-error="license"]');
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.textContent()).toMatch(/127\.0\.0\.1/);
      // The SDK drew its own overlay too; ours must be the one on top, in the viewport.
      await expect
        .poll(() => page.locator('.prism-ErrorMessage').count(), { timeout: 5_000 })
        .toBeGreaterThan(0);
      const box = await alert.boundingBox();
      if (!box) throw new Error('the licence alert has no box');
      const viewport = page.viewportSize() ?? { width: 0, height: 0 };
      expect(box.x >= 0 && box.y >= 0).toBe(true);
      expect(box.x + box.width <= viewport.width && box.y + box.height <= viewport.height).toBe(
        true,
      );
      for (const [fx, fy] of [
        [0.5, 0.5],
        [0.25, 0.25],
        [0.75, 0.75],
      ] as const) {
        const onTop = await page.evaluate(
          ([x, y]) => {
            const hit = document.elementFromPoint(x as number, y as number);
            const ours = document.querySelector('[data-playauth-error="license"]');
            return Boolean(hit && ours?.contains(hit));
          },
          [box.x + box.width * fx, box.y + box.height * fy],
        );
        expect(onTop).toBe(true);
      }
      const button = alert.getByRole('button');
      await button.click({ trial: true, timeout: 2_000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await backend.close();
    }
  });
});

describe('rapid switching (real SDK)', () => {
  it('20 switches in 2 s, answers out of order and some failing: only the last id plays', async () => {
    // 20 distinct ids: the catalogue's playable and still-transcoding videos, the rest unknown
    // (404); the last one plays.
    const sequence = [
      testPattern,
      ...Array.from(
        { length: 17 },
        (_, i) => `${missing.slice(0, -6)}${String(i).padStart(6, 'a')}`,
      ),
      transcoding,
      colourBars,
    ];
    const { page, context } = await session.open({ videoId: testPattern, loop: true });
    await expectAdvancing(page, 0.5);
    // Credentials answer out of order: later requests come back sooner.
    let served = 0;
    const credentialRequests: string[] = [];
    await context.route(
      (url) => url.pathname.endsWith('/play-auth'),
      async (route) => {
        const videoId = new URL(route.request().url()).searchParams.get('VideoId') ?? '';
        credentialRequests.push(videoId);
        const delay = Math.max(20, 600 - served++ * 150);
        await new Promise((resolve) => setTimeout(resolve, delay));
        await route.continue();
      },
    );
    // Every media `playing`, with its source and time; each switch, with its time.
    const log = await page.evaluate(async (ids) => {
      const played: Array<{ src: string; at: number }> = [];
      document.addEventListener(
        'playing',
        (event) => {
          const video = event.target as HTMLVideoElement;
          played.push({ src: video.currentSrc, at: performance.now() });
        },
        true,
      );
      const switches: Array<{ id: string; at: number }> = [];
      for (const id of ids) {
        switches.push({ id, at: performance.now() });
        window.playauthPage?.setVideoId(id);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      (window as unknown as { __feedLog: unknown }).__feedLog = { played, switches };
      return switches;
    }, sequence);
    const last = sequence[19] as string;
    await expect
      .poll(async () => (await media(page))?.src ?? '', { timeout: 20_000 })
      .toContain(`/media/${last}.mp4`);
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('playing');
    await expectAdvancing(page, 0.2);
    await page.waitForTimeout(1_000);

    const { played } = await page.evaluate(
      () =>
        (window as unknown as { __feedLog: { played: Array<{ src: string; at: number }> } })
          .__feedLog,
    );
    const videos = await page.evaluate(() =>
      [...document.querySelectorAll('video')].map((v) => ({ paused: v.paused, src: v.currentSrc })),
    );
    // Exactly one player plays, and it plays the last id.
    expect(videos.filter((v) => !v.paused)).toHaveLength(1);
    expect(videos.find((v) => !v.paused)?.src).toContain(`/media/${last}.mp4`);
    // After the first switch, nothing but the last video starts playing.
    const firstSwitch = log[0]?.at ?? 0;
    const intermediate = played.filter((p) => p.at > firstSwitch && !p.src.includes(last));
    expect(intermediate).toEqual([]);
    // At most one credential request per distinct id.
    const counts = new Map<string, number>();
    for (const id of credentialRequests) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBe(1);
  });
});

describe('offline and back (real SDK)', () => {
  it('the network cut during playback: the error shows, then playback resumes at the position', async () => {
    const { page, context } = await session.open({ videoId: testPattern });
    await expectAdvancing(page, 0.2);
    // The next video's first media answer carries only the start of the file; the request for
    // the rest is held (a stall) until the network is cut, and fails then (Chromium keeps retrying
    // it: no media error, only the stall).
    let phase: 'truncate' | 'hold' | 'open' = 'truncate';
    let cut!: () => void;
    const cutting = new Promise<void>((resolve) => {
      cut = resolve;
    });
    await context.route(
      (url) => url.pathname.includes(`/media/${colourBars}`),
      async (route) => {
        if (phase === 'open') return route.continue();
        if (phase === 'hold') {
          await cutting;
          return route.abort('internetdisconnected');
        }
        phase = 'hold';
        const response = await route.fetch();
        const body = await response.body();
        const total = /\/(\d+)$/.exec(response.headers()['content-range'] ?? '')?.[1];
        const part = body.subarray(0, Math.floor(body.length * 0.5));
        await route.fulfill({
          status: 206,
          body: part,
          headers: {
            ...response.headers(),
            'content-length': String(part.length),
            'content-range': `bytes 0-${part.length - 1}/${total ?? body.length}`,
          },
        });
      },
    );
    await page.evaluate((id) => window.playauthPage?.setVideoId(id), colourBars);
    await expect
      .poll(async () => (await media(page))?.src ?? '', { timeout: 15_000 })
      .toContain(`/media/${colourBars}.mp4`);
    await expectAdvancing(page, 0.5);
    await context.setOffline(true);
    cut();
    await page.locator('[data-playauth-error]').waitFor({ timeout: 30_000 });
    expect(await status(page)).toBe('error');
    const position = await page.evaluate(() => window.playauthPage?.getCurrentTime() ?? -1);
    const before = (await media(page))?.currentTime ?? 0;
    expect(Math.max(position, before)).toBeGreaterThan(0.5);

    phase = 'open';
    await context.setOffline(false);
    await expect.poll(() => status(page), { timeout: 20_000 }).toBe('playing');
    const resumed = await expectAdvancing(page, 0);
    expect(Math.abs(resumed - Math.max(position, before))).toBeLessThan(1.5);
    expect(await page.locator('[data-playauth-error]').count()).toBe(0);
    // Without a page reload: the page's own state survived.
    expect(await page.evaluate(() => window.playauthPage?.events.length ?? 0)).toBeGreaterThan(0);
  });
});
