import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  chromium,
  type Page,
} from 'playwright-core';
import { ALIPLAYER_BUILD_DIR } from '../dev/aliplayerBuildMiddleware';
import {
  type LocalBackend,
  type LocalBackendOptions,
  startLocalBackend,
} from '../dev/startLocalBackend';
import { chromiumLaunchOptions } from './chromium';

/** The installed real SDK build folder, as a file: URL with a trailing slash. */
export const SDK_BUILD_URL = pathToFileURL(ALIPLAYER_BUILD_DIR).href.replace(/\/?$/, '/');

/** The test page built by globalSetup (e2e/page -> e2e/.dist). */
export const PAGE_URL = pathToFileURL(
  fileURLToPath(new URL('./.dist/index.html', import.meta.url)),
).href;

/** The backend a test page talks to: the emulator plus the real handler (see dev/). */
export type Backend = LocalBackend;

/**
 * Starts the local backend for a file: test page: its CORS allows the origin of file: pages
 * (`null`, or `file://` with --allow-file-access-from-files), which only this test setup does.
 */
export function startBackend(
  emulator: LocalBackendOptions['emulator'] = {},
  handler: LocalBackendOptions['handler'] = {},
): Promise<Backend> {
  return startLocalBackend({
    emulator,
    handler: { cors: { origin: ['null', 'file://'] }, ...handler },
  });
}

/** Starts the browser (Debian Chromium) once per test file. */
export function launchBrowser(): Promise<Browser> {
  const options = chromiumLaunchOptions();
  // The SDK loads its lazy parts (hls/aliplayer-vod-p-min.js) with crossorigin="anonymous"; on a
  // file: page Chromium refuses those unless file: pages may read file: URLs.
  return chromium.launch({ ...options, args: [...options.args, '--allow-file-access-from-files'] });
}

/** What a test page recorded; `assertClean()` is called at the end of every test. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Every request URL the page (and its workers) made, in order. */
  requests: string[];
  /** Uncaught page errors. */
  pageErrors: Error[];
  /** console.error/warn lines, for diagnostics only. */
  console: string[];
  /** Throws when a request left 127.0.0.1/file: or an uncaught error happened. */
  assertClean(): void;
  close(): Promise<void>;
}

/** True for URLs that stay on this machine. */
export function isLocalUrl(raw: string): boolean {
  const url = new URL(raw);
  if (url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'blob:') return true;
  if (url.protocol === 'about:') return true;
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '127.0.0.1';
}

export interface PageQuery {
  endpoint: string;
  vod: string;
  videoId?: string;
  strict?: boolean;
  /** Page scenario (see e2e/page/main.tsx). */
  scenario?: 'player' | 'contract';
  [key: string]: string | boolean | undefined;
}

/**
 * Opens the built test page as a file: URL with the backend URLs in the query. Requests that would
 * leave the machine are recorded and aborted (so a failing test never goes online).
 */
export async function openTestPage(browser: Browser, query: PageQuery): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: 960, height: 720 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: Error[] = [];
  const consoleLines: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      consoleLines.push(`${message.type()}: ${message.text()}`);
    }
  });
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  const search = new URLSearchParams({ sdk: SDK_BUILD_URL });
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === false) continue;
    search.set(key, value === true ? '1' : value);
  }
  await page.goto(`${PAGE_URL}?${search}`);
  return {
    page,
    context,
    requests,
    pageErrors,
    console: consoleLines,
    assertClean() {
      const remote = requests.filter((url) => !isLocalUrl(url));
      if (remote.length > 0) {
        throw new Error(`requests left 127.0.0.1/file:\n  ${remote.join('\n  ')}`);
      }
      if (pageErrors.length > 0) {
        throw new Error(
          `uncaught page errors:\n  ${pageErrors.map((e) => e.stack ?? e.message).join('\n  ')}`,
        );
      }
    },
    close: () => context.close(),
  };
}
