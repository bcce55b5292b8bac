import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2eSession } from './setupE2eSession';

// Issue 17: every VodPlayerHandle method on the real Aliplayer SDK (2.37.7) in Chromium, checked
// against the `<video>` element the SDK drives, not against the SDK's own bookkeeping.

const session = setupE2eSession();

/** The media element's state. */
function media(page: Page) {
  return page.evaluate(() => {
    const video = document.querySelector('video');
    if (!video) return null;
    const { playbackRate, volume, muted, paused } = video;
    return { playbackRate, volume, muted, paused };
  });
}

/** Calls a handle method in the page; returns its result, or the error code it threw. */
function call(page: Page, method: string, ...args: unknown[]) {
  return page.evaluate(
    ([name, params]) => {
      const handle = window.playauthPage?.handle() as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      > | null;
      if (!handle) throw new Error('no handle');
      try {
        return { value: handle[name as string]?.(...(params as unknown[])) };
      } catch (error) {
        return { thrown: (error as { code?: string }).code ?? String(error) };
      }
    },
    [method, args] as const,
  );
}

const logged = (page: Page) =>
  page.evaluate(() => window.playauthPage?.events.map((event) => event.type) ?? []);

describe('VodPlayerHandle on the real SDK', () => {
  it('rate, volume, mute, status and input checks map to the SDK', async () => {
    const { page } = await session.open({ videoId: DEFAULT_VIDEO_IDS.testPattern });
    await expect
      .poll(async () => (await call(page, 'getStatus')).value, { timeout: 20_000 })
      .toBe('playing');

    expect(await call(page, 'setPlaybackRate', 2)).toEqual({});
    await expect.poll(async () => (await media(page))?.playbackRate).toBe(2);
    expect((await call(page, 'getPlaybackRate')).value).toBe(2);
    await expect.poll(() => logged(page)).toContain('ratechange');

    expect(await call(page, 'setVolume', 0.25)).toEqual({});
    await expect.poll(async () => (await media(page))?.volume).toBeCloseTo(0.25);
    expect((await call(page, 'getVolume')).value).toBeCloseTo(0.25);
    await expect.poll(() => logged(page)).toContain('volumechange');

    await call(page, 'setMuted', true);
    await expect.poll(async () => (await media(page))?.muted).toBe(true);
    await call(page, 'setMuted', false);
    await expect.poll(async () => (await media(page))?.muted).toBe(false);

    await call(page, 'pause');
    await expect.poll(async () => (await call(page, 'getStatus')).value).toBe('pause');
    expect((await media(page))?.paused).toBe(true);

    expect(await call(page, 'setPlaybackRate', 0)).toEqual({ thrown: 'InvalidParameter' });
    expect(await call(page, 'setVolume', 2)).toEqual({ thrown: 'InvalidParameter' });
    expect((await media(page))?.playbackRate).toBe(2);
  });

  it('fullscreen requests reach the SDK and fire onFullscreenChange', async () => {
    const { page } = await session.open({ videoId: DEFAULT_VIDEO_IDS.testPattern });
    await expect
      .poll(async () => (await call(page, 'getStatus')).value, { timeout: 20_000 })
      .toBe('playing');
    // A click gives the page the user activation the Fullscreen API asks for.
    await page.locator('[data-playauth-player]').click({ position: { x: 5, y: 5 } });
    await call(page, 'requestFullscreen');
    await expect.poll(() => logged(page)).toContain('requestFullScreen');
    await call(page, 'exitFullscreen');
    await expect.poll(() => logged(page)).toContain('cancelFullScreen');
  });
});
