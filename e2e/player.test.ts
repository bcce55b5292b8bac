import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import { describe, expect, it } from 'vitest';
import type { PageQuery, TestPage } from './harness';
import { setupE2eSession } from './setupE2eSession';
import { expectAdvancing, positionAfterRenewal, playerStatus as status } from './videoPolling';

// <VodPlayer> on the real Aliplayer SDK (aliyun-aliplayer 2.37.7) in Chromium: a file: page (no
// licence check there), credentials from the real handler, GetPlayInfo and media from the
// emulator. Every test ends by asserting that nothing left 127.0.0.1/file: and no error escaped.

const { testPattern, colourBars, transcoding } = DEFAULT_VIDEO_IDS;
/** A well-formed id the catalogue does not hold. */
const missing = '0000000000000000000000000000dead';

const session = setupE2eSession();
const open = (query: Partial<PageQuery> & { videoId: string }) => session.open(query);

describe('VodPlayer with the real Aliplayer SDK', () => {
  it('shows cover and title first, then plays (currentTime advances)', async () => {
    // Slow GetPlayInfo down so the cover phase is long enough to observe.
    session.backend.emulator.setLatency('GetPlayInfo', 1_500);
    try {
      const { page } = await open({ videoId: testPattern });
      const region = page.getByRole('region', { name: 'Test pattern with a 440 Hz tone' });
      await region.waitFor({ timeout: 15_000 });
      const cover = region.getByRole('img', { name: 'Test pattern with a 440 Hz tone' });
      await cover.waitFor({ timeout: 15_000 });
      expect(await cover.getAttribute('src')).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:\\d+/cover/${testPattern}\\.svg$`),
      );
      expect(await page.locator('video').count()).toBeLessThanOrEqual(1);
    } finally {
      session.backend.emulator.setLatency('GetPlayInfo', 0);
    }
    const { page } = session.page as TestPage;
    await expectAdvancing(page, 0.3);
    expect(await page.evaluate(() => window.playauthPage?.video()?.src)).toContain(
      `/media/${testPattern}.mp4?auth_key=`,
    );
    expect(await status(page)).toBe('playing');
    // The SDK asked the emulator (customVodServer), with the credential our handler issued.
    const actions = session.backend.emulator.requests.map((r) => r.action);
    expect(actions).toContain('GetVideoPlayAuth');
    expect(actions).toContain('GetPlayInfo');
  });

  it('renews after the play URL expired and keeps the position', async () => {
    // Play URLs valid 30 s (player option authTimeout); the sample clip is 6 s long, so it loops
    // to make "playing again" observable after the renewal.
    const { page } = await open({ videoId: testPattern, loop: true, authTimeout: '30' });
    await expectAdvancing(page, 1.5);
    const firstUrl = await page.evaluate(() => window.playauthPage?.video()?.src ?? '');

    // The emulator's clock jumps past the play URL's lifetime: the emulator now refuses it.
    session.clock.advance(60_000);
    const refused = await fetch(firstUrl, { headers: { Range: 'bytes=0-1' } });
    expect(refused.status).toBe(403);
    const gotBefore = session.backend.emulator.count('GetPlayInfo');
    const before = await page.evaluate(() => window.playauthPage?.getCurrentTime() ?? -1);
    await page.evaluate(() => window.playauthPage?.renew());
    const after = await page.evaluate(() => window.playauthPage?.getCurrentTime() ?? -1);

    expect(session.backend.emulator.count('GetPlayInfo')).toBeGreaterThan(gotBefore);
    expect(Math.abs(after - before)).toBeLessThan(0.5);
    // The player reported the renewal, and its first time update afterwards is at the old position.
    const firstUpdateAfterRenewal = () => positionAfterRenewal(page);
    await expect.poll(firstUpdateAfterRenewal, { timeout: 5_000 }).toBeDefined();
    expect(Math.abs(((await firstUpdateAfterRenewal()) ?? Number.NaN) - before)).toBeLessThan(0.5);
    await expectAdvancing(page, after);
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('playing');
    const renewedUrl = await page.evaluate(() => window.playauthPage?.video()?.src ?? '');
    expect(renewedUrl).toMatch(/auth_key=/);
    expect(renewedUrl).not.toBe(firstUrl);
    const lastMedia = session.backend.emulator.requests.filter((r) => r.action === 'media').at(-1);
    expect(lastMedia?.status).toBeLessThan(300);
  });

  it('switches to another video when videoId changes', async () => {
    const { page } = await open({ videoId: testPattern });
    await expectAdvancing(page, 0.3);
    const videoElement = await page.locator('video').elementHandle();
    await page.evaluate((id) => window.playauthPage?.setVideoId(id), colourBars);

    await expect
      .poll(() => page.evaluate(() => window.playauthPage?.video()?.src ?? ''), { timeout: 15_000 })
      .toContain(`/media/${colourBars}.mp4`);
    await expectAdvancing(page, 0.2);
    await page.getByRole('region', { name: 'Colour bars with a 660 Hz tone' }).waitFor();
    // Switched on the running player, not re-created.
    expect(await videoElement?.evaluate((element) => element.isConnected)).toBe(true);
    expect(await page.locator('video').count()).toBe(1);
  });

  it('shows a "not ready" error for a video still transcoding (403)', async () => {
    const { page } = await open({ videoId: transcoding });
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/still processing/i);
    expect(await page.locator('video').count()).toBe(0);
  });

  it('shows a "not found" error for an unknown video (404)', async () => {
    const { page } = await open({ videoId: missing });
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/could not be found/i);
    expect(await page.locator('video').count()).toBe(0);
  });

  it('disposes on unmount under StrictMode without uncaught errors', async () => {
    // Pool off: the player is disposed, not kept for reuse (e2e/feed.test.ts covers the pool).
    const { page } = await open({ videoId: testPattern, strict: true, pool: '0' });
    await expectAdvancing(page, 0.3);
    // StrictMode mounted, unmounted and mounted again: still exactly one player.
    expect(await page.locator('video').count()).toBe(1);
    expect(await page.locator('.prism-player').count()).toBe(1);

    await page.evaluate(() => window.playauthPage?.unmount());
    await page.getByTestId('unmounted').waitFor();
    expect(await page.locator('video').count()).toBe(0);
    // Nothing keeps running: no more requests after the unmount.
    const settled = session.backend.emulator.requests.length;
    await page.waitForTimeout(1_500);
    expect(session.backend.emulator.requests.length).toBe(settled);
  });
});
