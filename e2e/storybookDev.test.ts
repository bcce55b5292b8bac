import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness';

// `npm start` as a user runs it (scripts/start.mjs: Storybook's dev server with the local
// backend inside): credentials from the real handler, the stories in Chromium, and a clean console.

const root = fileURLToPath(new URL('../', import.meta.url));
const MSW_UNHANDLED = 'intercepted a request without a matching request handler';
let start: ChildProcess;
let base: string;
let browser: Browser;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  start = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    // As a user's shell has it: without Vitest's variables (Storybook would pick its test mode).
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^VITEST|^NODE_ENV$/.test(key)),
      ),
      PORT: String(port),
      ALIPLAYER_LICENSE_KEY: '',
      CI: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  start.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 150_000;
  while (!output.includes('playauth is running')) {
    if (start.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in 150 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (start && start.exitCode === null) {
    const exited = new Promise((resolve) => start.once('exit', resolve));
    start.kill('SIGTERM'); // start.mjs stops Storybook, then exits
    const timer = setTimeout(() => start.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}, 30_000);

describe('npm start (Storybook dev server with the local backend)', () => {
  it('prints where the credential endpoint and the emulator are', () => {
    expect(output).toContain(`Credential endpoint:  ${base}/api/play-auth`);
    expect(output).toMatch(/VOD emulator: +http:\/\/127\.0\.0\.1:\d+/);
  });

  it('answers a credential from the real handler through the dev server', async () => {
    const videoId = DEFAULT_VIDEO_IDS.testPattern;
    const response = await fetch(`${base}/api/play-auth?VideoId=${videoId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { PlayAuth?: string; VideoMeta?: { VideoId: string } };
    expect(body.VideoMeta?.VideoId).toBe(videoId);
    expect(body.PlayAuth).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('plays a story on the real endpoint with no MSW "unhandled request" warning', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const messages: string[] = [];
      page.on('console', (message: ConsoleMessage) => messages.push(message.text()));
      const credentials: number[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/api/play-auth')
          credentials.push(response.status());
      });
      await page.goto(`${base}/iframe.html?id=vodplayer--default&viewMode=story`);
      await expect
        .poll(() => page.locator('[data-testid="engine-note"]').count(), { timeout: 60_000 })
        .toBe(1);
      await expect
        .poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      expect(credentials).toContain(200);
      expect(messages.filter((text) => text.includes(MSW_UNHANDLED))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('renders the Introduction\'s "Mode" table as a table', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${base}/iframe.html?id=introduction--docs&viewMode=docs`);
      const header = page.locator('table th', { hasText: 'Mode' });
      await header.first().waitFor({ timeout: 60_000 });
      expect(await page.locator('table').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
