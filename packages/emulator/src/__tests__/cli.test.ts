import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { DEFAULT_ACCESS_KEY } from '../VodEmulator';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

// `node --import tsx` runs the CLI in one process, so the signal reaches it directly: under
// `npx tsx`, `npm exec` runs `sh -c` (which does not forward signals) and re-raises them.
function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within 15 s: ${stdout}${stderr}`)),
      15_000,
    );
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited early: ${stderr}`));
    });
  });
  return { child, url, exited, output: () => stdout, errors: () => stderr };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: over ${ms} ms`)), ms),
    ),
  ]);
}

describe('playauth-emulator CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its URL, keys and videos, serves, and exits 0 on %s',
    async (signal) => {
      const cli = startCli(['--port', '0']);
      const url = await cli.url;
      const out = cli.output();
      expect(out).toContain(DEFAULT_ACCESS_KEY.accessKeyId);
      expect(out).toContain(DEFAULT_ACCESS_KEY.accessKeySecret);
      expect(out).toContain('cn-shanghai');
      for (const id of Object.values(DEFAULT_VIDEO_IDS)) expect(out).toContain(id);
      const res = await fetch(`${url}/cover/${DEFAULT_VIDEO_IDS.testPattern}.svg`);
      expect(res.status).toBe(200);
      await res.text();
      cli.child.kill(signal);
      expect(await within(cli.exited, 5000, 'exit after signal')).toEqual({
        code: 0,
        signal: null,
      });
      await expect(fetch(`${url}/`)).rejects.toThrow();
    },
    20_000,
  );

  it('refuses a non-loopback host without --allow-remote, and a bad port', async () => {
    const remote = startCli(['--host', '0.0.0.0', '--port', '0']);
    remote.url.catch(() => {});
    expect((await within(remote.exited, 15_000, 'exit')).code).toBe(2);
    expect(remote.errors()).toContain('--allow-remote');

    const port = startCli(['--port', 'abc']);
    port.url.catch(() => {});
    expect((await within(port.exited, 15_000, 'exit')).code).toBe(2);
    expect(port.errors()).toContain('--port');
  }, 35_000);
});

describe('playauth-emulator CLI: renditions and HLS encryption', () => {
  it('--renditions --decrypt-service-url serve the encrypted video with that key URI', async () => {
    const keyUrl = 'http://127.0.0.1:9/api/hls-key';
    const cli = startCli([
      '--port',
      '0',
      '--quiet',
      '--renditions',
      '--decrypt-service-url',
      keyUrl,
    ]);
    await within(cli.url, 20_000, 'start with renditions');
    expect(cli.output()).toContain('MP4 + HLS in LD/SD');
    expect(cli.output()).toContain(`decrypt service: ${keyUrl}`);
    expect(cli.output()).toMatch(/KMS key id: +[0-9a-f-]{36}/);
    cli.child.kill('SIGTERM');
    const exit = await within(cli.exited, 5000, 'exit');
    expect({ exit, errors: cli.errors() }).toEqual({ exit: { code: 0, signal: null }, errors: '' });
  }, 30_000);

  it('refuses a --decrypt-service-url that is not an http(s) URL', async () => {
    const bad = startCli(['--port', '0', '--decrypt-service-url', 'keys.example.com']);
    bad.url.catch(() => {});
    expect((await within(bad.exited, 15_000, 'exit')).code).toBe(2);
    expect(bad.errors()).toContain('--decrypt-service-url');
  }, 20_000);
});
