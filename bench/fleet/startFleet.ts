import { forkLoadServer, type LoadServerProcess } from '../servers/forkLoadServer';
import type { EmulatorInfo } from '../servers/loadServer';
import type { FleetInstanceConfig } from './fleetHandler';

/** Handler processes started by {@link startFleet}. */
export interface Fleet {
  endpoints: string[];
  close(): Promise<void>;
}

/**
 * Starts `size` backend instances (bench/fleet/fleetHandler.ts, one process each, through
 * `forkLoadServer`) in front of the emulator. A load generator that sends request `i` to
 * `endpoints[i % size]` puts them behind a round-robin.
 */
export async function startFleet(
  emulator: EmulatorInfo,
  size: number,
  config: FleetInstanceConfig,
): Promise<Fleet> {
  const script = new URL('./fleetHandler.ts', import.meta.url);
  const started: LoadServerProcess<{ endpoint: string }>[] = [];
  try {
    for (let i = 0; i < size; i++) {
      started.push(
        await forkLoadServer<{ endpoint: string }>(
          ['fleet', JSON.stringify(emulator), JSON.stringify(config)],
          script,
        ),
      );
    }
  } catch (error) {
    await Promise.all(started.map((instance) => instance.close()));
    throw error;
  }
  return {
    endpoints: started.map((instance) => instance.info.endpoint),
    close: async () => {
      await Promise.all(started.map((instance) => instance.close()));
    },
  };
}
