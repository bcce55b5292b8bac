import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Chromium switches for tests: no sandbox (containers run as root), no GPU, and no background
 * traffic of the browser's own, so the "no request leaves 127.0.0.1" assertions only see the page.
 * Autoplay is allowed without a gesture so playback tests do not depend on a click.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Finds the Chromium executable: `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`, then the
 * browser Playwright downloaded (developer laptops). Playwright never downloads one on CI here.
 * Returns undefined when none exists, so loading a config never fails on a machine without one.
 */
export function findChromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', safePlaywrightPath()];
  return candidates.find((candidate) => candidate !== undefined && existsSync(candidate));
}

/**
 * Like {@link findChromiumPath} but throws an actionable error when no Chromium exists.
 *
 * @example
 * const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: [...CHROMIUM_ARGS] });
 */
export function resolveChromiumPath(): string {
  const found = findChromiumPath();
  if (found) return found;
  throw new Error(
    'No Chromium found: install Debian chromium (`apt-get install -y chromium`), set CHROMIUM_PATH ' +
      'to a Chromium/Chrome binary, or run `npx playwright install chromium`.',
  );
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Headless unless `HEADED=1` (for a developer watching a test); CI machines have no display.
 */
export const HEADLESS = process.env.HEADED !== '1';

/**
 * Launch options shared by the e2e harness, the Storybook browser project and the screenshot
 * script, so every browser test starts the same browser the same way.
 */
export function chromiumLaunchOptions(): {
  executablePath: string;
  args: string[];
  headless: boolean;
} {
  return { executablePath: resolveChromiumPath(), args: [...CHROMIUM_ARGS], headless: HEADLESS };
}
