import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadServerCommand } from './loadServer';

type Command = LoadServerCommand extends infer C
  ? C extends { id: number }
    ? Omit<C, 'id'>
    : never
  : never;

/** A forked bench/servers/loadServer.ts and a way to talk to it. */
export interface LoadServerProcess<Info> {
  info: Info;
  send(command: Command): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Forks bench/servers/loadServer.ts (or another `script` speaking the same messages) with tsx's
 * loader, waits for its `ready` message (10 s at most) and returns what it reported. `close()`
 * asks it to stop, then kills it if it lingers.
 */
export async function forkLoadServer<Info>(
  args: string[],
  script: URL = new URL('./loadServer.ts', import.meta.url),
): Promise<LoadServerProcess<Info>> {
  const child: ChildProcess = fork(fileURLToPath(script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`load server ${args[0]} did not start`)),
      10_000,
    );
    child.on('message', (message: { ready?: Info; id?: number; value?: unknown }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.ready);
      } else if (message.id !== undefined) {
        pending.get(message.id)?.(message.value);
        pending.delete(message.id);
      }
    });
    child.once('exit', (code) => reject(new Error(`load server ${args[0]} exited (${code})`)));
  });
  const send = (command: Command) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      child.send({ ...command, id });
    });
  return {
    info,
    send,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await Promise.race([send({ cmd: 'close' }), new Promise((r) => setTimeout(r, 3000))]);
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
