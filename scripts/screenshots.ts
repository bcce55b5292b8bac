// `npm run screenshots`: PNGs of key stories for the README, taken from the static Storybook build
// (storybook-static/, `npm run build-storybook` first) in Chromium with Playwright. The static site
// works without any server of ours: MSW answers credentials and GetPlayInfo in a service worker.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/chromium';

const root = fileURLToPath(new URL('../storybook-static/', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

interface Shot {
  file: string;
  /** iframe.html query: a story (its play function runs) or a docs page. */
  id: string;
  viewMode: 'story' | 'docs';
  /** What must be true before the picture is taken. */
  ready: (page: Page) => Promise<unknown>;
  /** Element to capture. Default the story root. */
  selector?: string;
}

const playing = (count: number) => async (page: Page) =>
  page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('video')].filter((video) => video.currentTime > 1.2).length >=
      n,
    count,
    { timeout: 30_000 },
  );

const shots: Shot[] = [
  {
    file: 'player-playing.png',
    id: 'vodplayer--muted-autoplay',
    viewMode: 'story',
    ready: playing(1),
  },
  {
    file: 'player-cover.png',
    id: 'vodplayer--docs',
    viewMode: 'docs',
    selector: '#anchor--vodplayer--load-on-interaction .docs-story',
    ready: (page) =>
      page.waitForFunction(
        () => {
          const story = document.querySelector('#anchor--vodplayer--load-on-interaction');
          const image = story?.querySelector<HTMLImageElement>('[data-playauth-cover] img');
          return (
            !!image?.complete &&
            image.naturalWidth > 0 &&
            !!story?.querySelector('button[aria-label^="Play"]')
          );
        },
        undefined,
        { timeout: 30_000 },
      ),
  },
  {
    file: 'several-players.png',
    id: 'vodplayer--several-players',
    viewMode: 'story',
    ready: playing(3),
  },
  {
    file: 'credential-panel.png',
    id: 'credentials-live-credential-panel--hundred-second-validity',
    viewMode: 'story',
    ready: async (page) => {
      await playing(1)(page);
      await page.getByTestId('refresh-count').filter({ hasText: '1' }).waitFor({ timeout: 30_000 });
    },
  },
  {
    file: 'error-not-ready.png',
    id: 'vodplayer-error-states--not-ready',
    viewMode: 'story',
    ready: (page) => page.getByRole('alert').waitFor({ timeout: 30_000 }),
  },
  {
    file: 'error-licence.png',
    id: 'vodplayer-error-states--licence-error',
    viewMode: 'story',
    ready: (page) => page.getByRole('alert').waitFor({ timeout: 30_000 }),
  },
];

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
};

/** A static file server with Range support (the <video> asks for byte ranges). */
function serveStatic(req: IncomingMessage, res: ServerResponse): void {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
  let file = normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) file = '';
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  const size = statSync(file).size;
  const headers = {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    res.writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${size}`,
      'content-length': end - start + 1,
    });
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': size });
  createReadStream(file).pipe(res);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'iframe.html'))) {
    throw new Error('storybook-static/ is missing: run `npm run build-storybook` first.');
  }
  mkdirSync(outDir, { recursive: true });
  const server = createServer(serveStatic);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  const failures: string[] = [];
  try {
    for (const shot of shots) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
      const page = await context.newPage();
      const remote: string[] = [];
      // The static site must work offline: anything not on 127.0.0.1 is refused and reported.
      await context.route(
        (url) => url.hostname !== '127.0.0.1' && url.protocol.startsWith('http'),
        (route) => {
          remote.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      try {
        await page.goto(`${base}/iframe.html?id=${shot.id}&viewMode=${shot.viewMode}`);
        await shot.ready(page);
        const target = page.locator(shot.selector ?? '#storybook-root').first();
        await target.screenshot({ path: join(outDir, shot.file), animations: 'disabled' });
        if (remote.length > 0)
          failures.push(`${shot.file}: requests left 127.0.0.1: ${remote.join(', ')}`);
        console.log(`docs/screenshots/${shot.file}`);
      } catch (error) {
        failures.push(`${shot.file}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
  if (failures.length > 0) throw new Error(`screenshots failed:\n  ${failures.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
