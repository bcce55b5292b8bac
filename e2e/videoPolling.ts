import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The `<video>` element's currentTime (independent of the SDK's own bookkeeping). */
export function videoTime(page: Page): Promise<number> {
  return page.evaluate(() => window.playauthPage?.video()?.currentTime ?? -1);
}

/** Waits until the `<video>` plays: currentTime above `above`, then strictly increasing. */
export async function expectAdvancing(page: Page, above = 0): Promise<number> {
  let first = -1;
  await expect
    .poll(async () => (first = await videoTime(page)), { timeout: 20_000, interval: 100 })
    .toBeGreaterThan(above);
  await expect
    .poll(() => videoTime(page), { timeout: 5_000, interval: 100 })
    .toBeGreaterThan(first);
  return first;
}

/** The `<VodPlayer>`'s `data-status`. */
export function playerStatus(page: Page): Promise<string | null> {
  return page.locator('[data-playauth-player]').getAttribute('data-status');
}

/**
 * The position of the page's first `timeupdate` event after its `renewed` event (the VodPlayer
 * callbacks the page logs), or `undefined` before both happened.
 */
export async function positionAfterRenewal(page: Page): Promise<number | undefined> {
  const events = await page.evaluate(() => window.playauthPage?.events ?? []);
  const renewedAt = events.findIndex((event) => event.type === 'renewed');
  if (renewedAt < 0) return undefined;
  const update = events.slice(renewedAt).find((event) => event.type === 'timeupdate');
  return update === undefined ? undefined : Number(update.detail);
}

/** The first `<video>`'s state (see `PageApi.video`), or null. */
export function media(page: Page) {
  return page.evaluate(() => window.playauthPage?.video() ?? null);
}
