import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { isLocalUrl } from '../../e2e/harness';
import type { MountOptions } from '../../e2e/page/PageApi';

/** One fresh browser context on the test page (fresh HTTP cache, fresh SDK load). */
export interface BenchPage {
  page: Page;
  context: BrowserContext;
  cdp: CDPSession;
  /** Every request URL the page made. */
  requests: string[];
  pageErrors: Error[];
  /** `window.playauthPage.mount(options)`; returns the page time it started. */
  mount(options: MountOptions): Promise<number>;
  unmount(): Promise<void>;
  /** Page time of the first `playing` at or after `since`, or null after `timeoutMs`. */
  playingAfter(since: number, timeoutMs?: number): Promise<number | null>;
  /** Forces a full garbage collection in the page (CDP). */
  collectGarbage(): Promise<void>;
  /** Requests that left 127.0.0.1/file: (aborted; must be empty), without their query. */
  remoteRequests(): string[];
  close(): Promise<void>;
}

/**
 * Opens the built test page (scenario `mount`) as a file: URL (the SDK skips its licence check there) in a new
 * context. Requests that would leave the machine are aborted and reported.
 */
export async function openBenchPage(
  browser: Browser,
  pageUrl: string,
  options: { initScript?: string } = {},
): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: Error[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error));
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  if (options.initScript) await page.addInitScript({ content: options.initScript });
  await page.goto(`${pageUrl}?scenario=mount`);
  await page.waitForFunction(() => window.playauthPage !== undefined);
  const cdp = await context.newCDPSession(page);
  return {
    page,
    context,
    cdp,
    requests,
    pageErrors,
    mount: (mountOptions) =>
      page.evaluate((o) => window.playauthPage?.mount(o) ?? Number.NaN, mountOptions),
    unmount: () => page.evaluate(() => window.playauthPage?.unmount()),
    playingAfter: (since, timeoutMs = 20_000) =>
      page.evaluate(([s, t]) => window.playauthPage?.playingAfter(s, t) ?? null, [
        since,
        timeoutMs,
      ] as const),
    async collectGarbage() {
      await cdp.send('HeapProfiler.enable');
      // Twice: WeakRef targets are only cleared after the turn that saw them unreachable.
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      await cdp.send('HeapProfiler.collectGarbage');
    },
    // Origin and path only: the query of a GetPlayInfo request carries STS credentials.
    remoteRequests: () =>
      requests.filter((url) => !isLocalUrl(url)).map((url) => url.replace(/[?#].*$/, '?…')),
    close: () => context.close(),
  };
}
