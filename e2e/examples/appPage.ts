import type { Browser, BrowserContext, Page } from 'playwright-core';
import { isLocalUrl } from '../harness';

/**
 * What only a credential carries (its JSON field and the STS fields inside a PlayAuth): none may
 * appear in a page's HTML or RSC payload. (`PlayAuth` alone may: component names such as
 * `PlayAuthProvider` are in the RSC payload; the quoted JSON keys may not.)
 */
export const CREDENTIAL_MARKERS = ['"PlayAuth"', '"playAuth"', 'AccessKeySecret', 'SecurityToken'];

/** An example app's page in Chromium, with what it logged, threw and was served. */
export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** `console.error` and `console.warn` lines (React's hydration warnings are among them). */
  console: string[];
  /** Uncaught errors (React reports a failed hydration, #418, as one in production). */
  pageErrors: string[];
  /** Every request URL, in order. */
  requests: string[];
  /** Bodies of the HTML documents and RSC payloads the page received. */
  documents: { url: string; body: string }[];
  /** PlayAuth values the browser received from the credential endpoint. */
  playAuths: string[];
  /** Waits until every response body seen so far has been read. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenAppPageOptions {
  /** How far the browser's clock is ahead of real time, in ms (Playwright's clock, time flows). */
  clockAheadMs?: number;
}

/**
 * Opens `url` in a new context. Requests that would leave 127.0.0.1 are aborted and recorded;
 * console errors/warnings and uncaught errors are recorded for the zero-error assertions.
 */
export async function openAppPage(
  browser: Browser,
  url: string,
  { clockAheadMs = 0 }: OpenAppPageOptions = {},
): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 960, height: 720 } });
  if (clockAheadMs !== 0) await context.clock.install({ time: Date.now() + clockAheadMs });
  await context.route(
    (target) => !isLocalUrl(target.href),
    (route) => route.abort('blockedbyclient'),
  );
  // The app's fetches (RSC payloads, credentials) go through the test, which keeps a copy of
  // their bodies: Chromium does not keep the bodies of streamed fetches (Next's RSC requests).
  // Documents are read from their responses instead: a fulfilled document would lose its
  // loopback address space, and Chromium would then refuse its requests to 127.0.0.1.
  const origin = new URL(url).origin;
  await context.route(
    (target) => target.origin === origin && !target.pathname.startsWith('/_next/static/'),
    (route) => {
      if (route.request().resourceType() !== 'fetch') return route.fallback();
      const read = route
        .fetch()
        .then(async (response) => {
          const body = await response.text();
          record(recorded, route.request().url(), response.headers()['content-type'] ?? '', body);
          await route.fulfill({ response, body });
        })
        // The context closed first (end of test): nothing left to record.
        .catch(() => route.abort().catch(() => undefined));
      reads.push(read);
      return read;
    },
  );
  const page = await context.newPage();
  const recorded: AppPage = {
    page,
    context,
    console: [],
    pageErrors: [],
    requests: [],
    documents: [],
    playAuths: [],
    settled: () => Promise.all(reads).then(() => undefined),
    close: () => context.close(),
  };
  const reads: Promise<void>[] = [];
  page.on('request', (request) => recorded.requests.push(request.url()));
  page.on('pageerror', (error) => recorded.pageErrors.push(error.stack ?? error.message));
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document') return;
    const read = response
      .text()
      .then((body) =>
        record(recorded, response.url(), response.headers()['content-type'] ?? '', body),
      )
      .catch(() => undefined); // navigated away before the body was read
    reads.push(read);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      recorded.console.push(`${message.type()}: ${message.text()}`);
    }
  });
  await page.goto(url);
  return recorded;
}

function record(recorded: AppPage, url: string, type: string, body: string): void {
  if (type.includes('text/html') || type.includes('text/x-component')) {
    recorded.documents.push({ url, body });
  } else if (new URL(url).pathname.endsWith('/play-auth') && type.includes('json')) {
    const { PlayAuth } = JSON.parse(body) as { PlayAuth?: string };
    if (PlayAuth) recorded.playAuths.push(PlayAuth);
  }
}

/**
 * Lists every HTML/RSC body that holds a credential: a PlayAuth the browser received, or any of
 * {@link CREDENTIAL_MARKERS}. Returns one line per leak.
 */
export function credentialLeaks(
  documents: readonly { url: string; body: string }[],
  playAuths: readonly string[],
): string[] {
  const leaks: string[] = [];
  for (const { url, body } of documents) {
    for (const secret of [...playAuths, ...CREDENTIAL_MARKERS]) {
      if (body.includes(secret)) leaks.push(`${url} holds ${secret.slice(0, 24)}…`);
    }
  }
  return leaks;
}

/** The `<video>` element's currentTime (-1 without one). */
export function videoTime(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);
}

/** The local-only check of the e2e harness, for the requests of an app page. */
export function remoteRequests(requests: readonly string[]): string[] {
  return requests.filter((url) => !isLocalUrl(url));
}
