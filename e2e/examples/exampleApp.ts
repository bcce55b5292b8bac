import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The example apps under examples/. */
export type ExampleName = 'next-app' | 'vite-react18';

/** The packages every example installs, as `npm pack` tarballs. */
export const PACKED_PACKAGES = ['core', 'react', 'server', 'testing'] as const;

/** Files and folders of an example that are made, never copied from the repository. */
const GENERATED = new Set(['node_modules', '.next', 'dist', 'build', '.playauth', 'next-env.d.ts']);

/** Marker in node_modules: the hash of the manifest and lockfile it was installed from. */
const INSTALL_KEY_FILE = '.playauth-install-key';

/**
 * Where examples are installed and built: outside the repository, so Node, TypeScript and the
 * bundlers never resolve anything from the workspace's node_modules. One folder per checkout
 * (two clones testing at once never share one), kept between runs so an unchanged lockfile
 * reuses its node_modules (and Next its build cache). `PLAYAUTH_EXAMPLES_DIR` overrides it.
 */
export function examplesWorkDir(): string {
  const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 8);
  return process.env.PLAYAUTH_EXAMPLES_DIR ?? join(tmpdir(), 'playauth-examples', checkout);
}

/** The example's sources in the repository. */
export function exampleSourceDir(name: ExampleName): string {
  return join(ROOT, 'examples', name);
}

/** Milliseconds each step took, for the report. */
export interface StepTimings {
  [step: string]: number;
}

async function timed<T>(timings: StepTimings, step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
}

/**
 * Packs the built packages with `npm pack` (what `npm publish` would upload) into `outDir`.
 * Returns the tarball path of each short name (`core`, `react`...).
 */
export async function packPackages(outDir: string): Promise<Record<string, string>> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const workspaces = PACKED_PACKAGES.map((name) => `--workspace=packages/${name}`);
  const { stdout } = await run(
    'npm',
    ['pack', ...workspaces, '--pack-destination', outDir, '--json', '--ignore-scripts'],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  return Object.fromEntries(
    packed.map(({ name, filename }) => [
      name.replace('@playauth/', ''),
      join(outDir, filename.replace(/^@/, '').replace('/', '-')),
    ]),
  );
}

/** What `prepareExample` made: the installed example and the time of each step. */
export interface PreparedExample {
  name: ExampleName;
  /** The installed copy of the example, outside the repository. */
  dir: string;
  /** `npm ci` ran (`false`: node_modules of the same lockfile was reused). */
  installed: boolean;
  timings: StepTimings;
}

/**
 * Copies an example out of the repository and installs it: its committed lockfile for the
 * third-party packages (`npm ci`), the `@playauth/*` packages from fresh `npm pack` tarballs at
 * the paths its package.json names (`file:.playauth/playauth-<name>.tgz`). When node_modules was
 * installed from the same package.json and lockfile before, only the `@playauth/*` packages are
 * replaced from the new tarballs (what `npm ci` would do for them, in a fraction of the time).
 */
export async function prepareExample(name: ExampleName): Promise<PreparedExample> {
  const timings: StepTimings = {};
  const dir = await copyWithTarballs(name, timings);

  const key = installKey(dir);
  const keyFile = join(dir, 'node_modules', INSTALL_KEY_FILE);
  const reuse = existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key;
  if (reuse) {
    await timed(timings, 'refresh @playauth', () => replacePlayauthPackages(dir));
  } else {
    await timed(timings, 'npm ci', async () => {
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
      await exec(dir, 'npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], npmEnv());
      writeFileSync(keyFile, key);
    });
  }
  return { name, dir, installed: !reuse, timings };
}

/**
 * Writes a new examples/<name>/package-lock.json: `npm install` in the work folder with fresh
 * tarballs, then the lockfile back without the tarballs' `integrity` (they change with every
 * build; with a stale hash `npm ci` would install the old tarball from npm's cache).
 * Run `npx tsx e2e/examples/lockExample.ts <name>` after changing an example's dependencies.
 */
export async function updateExampleLock(name: ExampleName): Promise<string> {
  const dir = await copyWithTarballs(name, {});
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  await exec(dir, 'npm', ['install', '--no-audit', '--no-fund'], npmEnv());
  const lockFile = join(dir, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    packages: Record<string, { resolved?: string; integrity?: string }>;
  };
  for (const entry of Object.values(lock.packages)) {
    if (entry.resolved?.startsWith('file:')) delete entry.integrity;
  }
  const target = join(exampleSourceDir(name), 'package-lock.json');
  writeFileSync(target, `${JSON.stringify(lock, null, 2)}\n`);
  return target;
}

/** Copies the example's sources to its work folder and the fresh tarballs to its `.playauth/`. */
async function copyWithTarballs(name: ExampleName, timings: StepTimings): Promise<string> {
  const dir = join(examplesWorkDir(), name);
  const source = exampleSourceDir(name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (!GENERATED.has(entry) || entry === '.playauth' || entry === 'dist' || entry === 'build') {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
  cpSync(source, dir, {
    recursive: true,
    filter: (path) => !GENERATED.has(path.slice(source.length + 1).split('/')[0] ?? ''),
  });

  const tarballs = await timed(timings, 'pack', () => packPackages(join(dir, '.playauth-packs')));
  const local = join(dir, '.playauth');
  mkdirSync(local, { recursive: true });
  for (const [short, tarball] of Object.entries(tarballs)) {
    cpSync(tarball, join(local, `playauth-${short}.tgz`));
  }
  rmSync(join(dir, '.playauth-packs'), { recursive: true, force: true });
  return dir;
}

/** Hash of what node_modules depends on: manifest, lockfile and Node's version. */
function installKey(dir: string): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json'])
    hash.update(readFileSync(join(dir, file)));
  hash.update(process.version);
  return hash.digest('hex');
}

/** Unpacks each `.playauth/playauth-<name>.tgz` over `node_modules/@playauth/<name>`. */
async function replacePlayauthPackages(dir: string): Promise<void> {
  for (const short of PACKED_PACKAGES) {
    const target = join(dir, 'node_modules', '@playauth', short);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    await run('tar', [
      '-xzf',
      join(dir, '.playauth', `playauth-${short}.tgz`),
      '-C',
      target,
      '--strip-components=1',
    ]);
  }
}

/**
 * The environment npm and the apps run with: the test runner's own variables removed (Vitest
 * sets `NODE_ENV=test`, which would make `vite build` bundle React's development build and Next
 * warn), no telemetry, no update checks, no audit. Builds and servers pass `NODE_ENV:
 * 'production'` in `extra` (not `npm ci`: it would skip the devDependencies).
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !/^VITEST/.test(name)),
  );
  return {
    ...inherited,
    NEXT_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}

/**
 * Runs a command in `cwd` to its end. Throws with the command's output when it fails, so a
 * broken build shows its compiler errors in the test report.
 */
export async function exec(
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = npmEnv(),
  timeoutMs = 600_000,
): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd,
      env,
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `\`${command} ${args.join(' ')}\` failed in ${cwd}: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    );
  }
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released for the app to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A started example server; `close()` stops its process by PID. */
export interface RunningExample {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Starts `node <args>` in `dir` and waits (at most `timeoutMs`) until `http://127.0.0.1:<port>/`
 * answers. The process is started directly, not through npm, so stopping it by its PID stops
 * the server.
 */
export async function startExampleServer(
  dir: string,
  args: string[],
  port: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<RunningExample> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: dir,
    env: npmEnv({ NODE_ENV: 'production', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const close = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${args.join(' ')} exited before answering:\n${output}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return { url, output: () => output, close };
}
