import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
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
  type ExampleName,
  exec,
  freePort,
  npmEnv,
  PACKED_PACKAGES,
  type PreparedExample,
  prepareExample,
  type RunningExample,
  type StepTimings,
  startExampleServer,
} from './exampleApp';

/** How an example is built and started against a running emulator. */
export interface ExampleRecipe {
  /** Environment of `npm run build` (for example `VITE_*` variables). */
  buildEnv(emulatorUrl: string): NodeJS.ProcessEnv;
  /** `node` arguments that start the built app on `port`, and their environment. */
  start(port: number, emulatorUrl: string): { args: string[]; env: NodeJS.ProcessEnv };
}

/** What an example test file works with; filled in before its first test. */
export interface ExampleSession {
  example: PreparedExample;
  /** The local backend; the app's own handler signs requests to its emulator. */
  backend: LocalBackend;
  app: RunningExample;
  browser: Browser;
  /** Milliseconds of pack, install, build (type check included) and start. */
  timings: StepTimings;
  /** Opens `path` of the app in a new browser context, closed after the test. */
  open(path: string, options?: OpenAppPageOptions): Promise<AppPage>;
}

/**
 * Registers the hooks of an example's test file: before all tests the example is installed
 * outside the repository from its lockfile and fresh tarballs (`prepareExample`), built with
 * `npm run build` (which type-checks, strict, against the packed `.d.ts`) and started
 * on a free 127.0.0.1 port with the local backend's emulator; one Chromium for the file. Each
 * test's page is closed after it; everything is stopped after the file.
 */
export function setupExampleSession(name: ExampleName, recipe: ExampleRecipe): ExampleSession {
  let current: AppPage | undefined;
  const session: ExampleSession = {
    example: undefined as unknown as PreparedExample,
    backend: undefined as unknown as LocalBackend,
    app: undefined as unknown as RunningExample,
    browser: undefined as unknown as Browser,
    timings: {},
    async open(path, options) {
      current = await openAppPage(session.browser, `${session.app.url}${path}`, options);
      return current;
    },
  };
  const step = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    session.timings[label] = Math.round(performance.now() - started);
  };

  beforeAll(async () => {
    [session.backend, session.browser] = await Promise.all([
      startLocalBackend({ listen: false }),
      launchBrowser(),
    ]);
    const emulatorUrl = session.backend.customVodServer;
    session.example = await prepareExample(name);
    Object.assign(session.timings, session.example.timings);
    const { dir } = session.example;
    await step('build', () =>
      exec(
        dir,
        'npm',
        ['run', 'build'],
        npmEnv({ NODE_ENV: 'production', ...recipe.buildEnv(emulatorUrl) }),
      ),
    );
    await step('start', async () => {
      const port = await freePort();
      const { args, env } = recipe.start(port, emulatorUrl);
      session.app = await startExampleServer(dir, args, port, env);
    });
    console.log(
      `[examples] ${name}: ${JSON.stringify(session.timings)} ms (${session.example.installed ? 'npm ci' : 'node_modules reused'})`,
    );
  }, 900_000);

  afterEach(async () => {
    const page = current;
    current = undefined;
    await page?.close();
  });

  afterAll(async () => {
    await Promise.all([session.app?.close(), session.browser?.close(), session.backend?.close()]);
  });

  return session;
}

/** The page plays: the `<video>`'s currentTime is above zero and still increasing. */
export async function expectPlaying(page: AppPage): Promise<void> {
  let first = -1;
  await expect
    .poll(async () => (first = await videoTime(page.page)), { timeout: 30_000, interval: 200 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => videoTime(page.page), { timeout: 10_000, interval: 200 })
    .toBeGreaterThan(first);
}

/**
 * Nothing left 127.0.0.1, nothing was logged as a console error or warning (React's hydration
 * warnings included), nothing was thrown, and no HTML/RSC body held a credential.
 * `allowConsole` lists console lines a test expects (matched by pattern).
 */
export async function expectClean(page: AppPage, allowConsole: RegExp[] = []): Promise<void> {
  await page.settled();
  expect(remoteRequests(page.requests)).toEqual([]);
  expect(page.pageErrors).toEqual([]);
  expect(
    page.console.filter((line) => !allowConsole.some((allowed) => allowed.test(line))),
  ).toEqual([]);
  expect(credentialLeaks(page.documents, page.playAuths)).toEqual([]);
}

/** Chromium's own console line for the credential endpoint's 404 (an unknown video). */
export const ENDPOINT_404 = /Failed to load resource: the server responded with a status of 404/;

/**
 * Asserts how the example was installed: every `@playauth/*` a real folder unpacked from its
 * tarball (no link, `dist` only, no `src`), in a folder outside the repository, and `@types/react`
 * of the given major, which `npm run build` type-checked against (it ran in beforeAll).
 */
export function expectInstalledFromTarballs(session: ExampleSession, reactMajor: number): void {
  const modules = join(session.example.dir, 'node_modules');
  const names = readdirSync(join(modules, '@playauth')).sort();
  expect(names).toEqual([...PACKED_PACKAGES].sort());
  for (const name of names) {
    const dir = join(modules, '@playauth', name);
    expect({
      name,
      symlink: lstatSync(dir).isSymbolicLink(),
      dist: existsSync(join(dir, 'dist')),
      src: existsSync(join(dir, 'src')),
    }).toEqual({ name, symlink: false, dist: true, src: false });
  }
  expect(session.example.dir.startsWith(REPOSITORY)).toBe(false);
  const typesReact = JSON.parse(
    readFileSync(join(modules, '@types', 'react', 'package.json'), 'utf8'),
  ) as { version: string };
  expect(Number(typesReact.version.split('.')[0])).toBe(reactMajor);
}

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** A well-formed video id the emulator's catalogue does not hold. */
export const MISSING_VIDEO_ID = '0000000000000000000000000000dead';

/** How far ahead the browser's clock runs in the clock tests. */
export const TEN_MINUTES = 10 * 60_000;
