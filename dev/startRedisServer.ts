import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A redis-server this process started on 127.0.0.1, and ways to hurt it. */
export interface RedisServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  /** SIGSTOP: Redis stops answering (slow / hung), connections stay open. */
  pause(): void;
  /** SIGCONT after {@link pause}. */
  resume(): void;
  /** Stops it (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

/** The redis-server binary: `REDIS_SERVER`, else Debian's `/usr/bin/redis-server`. */
export function redisServerPath(): string {
  const path = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
  if (!existsSync(path)) {
    throw new Error(
      `redis-server not found at ${path}: apt-get install redis-server (.ci/run does), or set REDIS_SERVER`,
    );
  }
  return path;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    redisServerPath(),
    ['--port', `${port}`, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start in 10 s: ${output.slice(-500)}`));
    }, 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(child);
      }
    });
    child.stderr?.resume();
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
    });
  });
}

/**
 * Starts `redis-server` on a free 127.0.0.1 port without persistence (`--save '' --appendonly
 * no`) and resolves once it accepts connections. Stop it with `stop()` (by its PID).
 */
export async function startRedisServer(): Promise<RedisServerProcess> {
  const port = await freePort();
  let child = await launch(port);
  const stopChild = async (target: ChildProcess) => {
    if (target.exitCode !== null || target.signalCode !== null) return;
    const exited = new Promise((resolve) => target.once('exit', resolve));
    target.kill('SIGCONT');
    target.kill('SIGTERM');
    const timer = setTimeout(() => target.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: () => stopChild(child),
    async restart() {
      await stopChild(child);
      child = await launch(port);
    },
  };
}
