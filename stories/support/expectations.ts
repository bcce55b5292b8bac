import { expect, waitFor } from 'storybook/test';

const TIMEOUT = 15_000;

/** The player region (`<section data-playauth-player>`) labelled with `title`. */
export async function findPlayer(canvasElement: HTMLElement, title: string): Promise<HTMLElement> {
  let found: HTMLElement | undefined;
  await waitFor(
    () => {
      found = [...canvasElement.querySelectorAll<HTMLElement>('[data-playauth-player]')].find(
        (section) => section.getAttribute('aria-label') === title,
      );
      expect(found, `a player labelled "${title}"`).toBeDefined();
    },
    { timeout: TIMEOUT },
  );
  return found as HTMLElement;
}

/** Waits until the player reports `status` (its `data-status`). */
export async function expectStatus(player: HTMLElement, status: string | RegExp): Promise<void> {
  await waitFor(
    () => {
      const current = player.getAttribute('data-status') ?? '';
      if (typeof status === 'string') expect(current).toBe(status);
      else expect(current).toMatch(status);
    },
    { timeout: TIMEOUT },
  );
}

/** Waits until the player's `<video>` really plays: its currentTime moves forward. */
export async function expectVideoAdvancing(player: HTMLElement): Promise<void> {
  let first = -1;
  await waitFor(
    () => {
      const video = player.querySelector('video');
      expect(
        video,
        `a <video> in the player (status ${player.getAttribute('data-status')}: "${player.textContent}")`,
      ).not.toBeNull();
      first = video?.currentTime ?? -1;
      expect(first).toBeGreaterThan(0.1);
    },
    { timeout: TIMEOUT },
  );
  await waitFor(
    () => expect(player.querySelector('video')?.currentTime ?? -1).toBeGreaterThan(first),
    { timeout: 5_000 },
  );
}

/** Waits for the player's error alert and returns it. */
export async function findAlert(player: HTMLElement, timeout = TIMEOUT): Promise<HTMLElement> {
  let alert: HTMLElement | null = null;
  await waitFor(
    () => {
      alert = player.querySelector<HTMLElement>('[role="alert"]');
      expect(alert, 'an alert in the player').not.toBeNull();
    },
    { timeout },
  );
  return alert as unknown as HTMLElement;
}
