import { forkLoadServer, type LoadServerProcess } from './forkLoadServer';
import type { EmulatorInfo } from './loadServer';

/**
 * Runs `load` against a fresh handler process (createPlayAuthHandler + toNodeHandler in front of
 * `emulator`, coalescing on or off) and returns the upstream GetVideoPlayAuth calls it caused,
 * as the emulator counted them. The handler process is stopped before this returns.
 */
export async function withHandler(
  emulator: LoadServerProcess<EmulatorInfo>,
  coalesce: boolean,
  load: (endpoint: string) => Promise<unknown>,
): Promise<number> {
  const handler = await forkLoadServer<{ endpoint: string }>([
    'handler',
    JSON.stringify(emulator.info),
    coalesce ? 'on' : 'off',
  ]);
  try {
    await emulator.send({ cmd: 'clear' });
    await load(handler.info.endpoint);
    return (await emulator.send({ cmd: 'count' })) as number;
  } finally {
    await handler.close();
  }
}
