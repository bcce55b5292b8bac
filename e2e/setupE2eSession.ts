import { createManualClock, type ManualClock, type VodEmulatorOptions } from '@playauth/emulator';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  type Backend,
  launchBrowser,
  openTestPage,
  type PageQuery,
  startBackend,
  type TestPage,
} from './harness';

/** What an e2e file works with; filled in before its first test runs. */
export interface E2eSession {
  browser: Browser;
  /** The local backend, its emulator on {@link clock}. */
  backend: Backend;
  /** The emulator's clock: at real time when each test starts, tests may move it. */
  clock: ManualClock;
  /** The test page opened last in the current test. */
  page: TestPage | undefined;
  /** Opens the test page with the backend's URLs (`endpoint`, `vod`) and `query`. */
  open(query?: Partial<PageQuery>): Promise<TestPage>;
}

/**
 * Registers the hooks every e2e file needs: one browser and one local backend per file; before
 * each test the emulator's clock back at real time (signed requests must stay within the
 * gateway's 15-minute skew); after each test the page opened is checked clean (nothing left
 * 127.0.0.1/file:, no uncaught error) and closed. `emulator` adds emulator options (e.g.
 * `{ renditions: true }` for MP4 + HLS in several definitions), `handler` options of the
 * credential handler (e.g. `hlsEncryption`).
 *
 * @example
 * ```ts
 * const session = setupE2eSession();
 * it('plays', async () => {
 *   const { page } = await session.open({ videoId: DEFAULT_VIDEO_IDS.testPattern });
 * });
 * ```
 */
export function setupE2eSession(
  emulator: Omit<VodEmulatorOptions, 'host' | 'clock'> = {},
  handler: Parameters<typeof startBackend>[1] = {},
): E2eSession {
  const session: E2eSession = {
    browser: undefined as unknown as Browser,
    backend: undefined as unknown as Backend,
    clock: createManualClock(),
    page: undefined,
    async open(query = {}) {
      session.page = await openTestPage(session.browser, {
        endpoint: session.backend.endpoint,
        vod: session.backend.customVodServer,
        ...query,
      });
      return session.page;
    },
  };
  beforeAll(async () => {
    [session.browser, session.backend] = await Promise.all([
      launchBrowser(),
      startBackend({ ...emulator, clock: session.clock }, handler),
    ]);
  });
  afterAll(async () => {
    await Promise.all([session.browser?.close(), session.backend?.close()]);
  });
  beforeEach(() => {
    session.clock.set(Date.now());
  });
  afterEach(async () => {
    const page = session.page;
    session.page = undefined;
    if (!page) return;
    try {
      page.assertClean();
    } finally {
      await page.close();
    }
  });
  return session;
}
