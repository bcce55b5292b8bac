#!/usr/bin/env node
// `npm start`: Storybook on 127.0.0.1:6006 with the VOD emulator and the real credential handler
// inside its dev server. Storybook is started directly (not through npm) so that stopping this
// script stops it too: an npm child would be left running as an orphan.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 6006);
const base = `http://${host}:${port}`;
const bin = fileURLToPath(new URL('../node_modules/.bin/storybook', import.meta.url));

if (!existsSync(bin)) {
  console.error('storybook is not installed: run `npm install` first.');
  process.exit(1);
}

const child = spawn(bin, ['dev', '-p', String(port), '--host', host, '--ci', '--no-open'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\nplayauth: stopping Storybook (${signal})…`);
    child.kill(signal);
    // Bounded: if Storybook does not stop in 10 s, force it.
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

child.on('exit', (code, signal) => {
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

announceWhenReady().catch(() => {
  // Storybook prints its own errors; the banner is a convenience.
});

/** Waits (bounded, 3 min) for the dev server, then prints where to look. */
async function announceWhenReady() {
  const deadline = Date.now() + 180_000;
  while (!stopping && Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/__playauth/dev-info`);
      if (response.ok) {
        const info = await response.json();
        const video = info.videos?.find((v) => v.status === 'Normal') ?? info.videos?.[0];
        const lines = [
          '',
          '  playauth is running',
          `  Storybook:            ${base}`,
          `  Start here:           ${base}/?path=/docs/introduction--docs`,
          `  Credential endpoint:  ${base}${info.endpoint}${video ? `?VideoId=${video.videoId}` : ''}`,
          `  VOD emulator:         ${info.customVodServer}`,
          `  Player engine:        ${info.engine} (${info.engineReason})`,
          '  Stop with Ctrl+C.',
          '',
        ];
        console.log(lines.join('\n'));
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
