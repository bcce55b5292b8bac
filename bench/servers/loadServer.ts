/**
 * A server for figure 7 in its own process (so the load generator, the handler and the emulator
 * do not share one CPU thread): `emulator` (the VOD emulator with 20 playable videos) or
 * `handler` (createPlayAuthHandler on node:http in front of an emulator). Started with `fork`;
 * it sends `{ ready }` and then answers `{ id, cmd }` messages (`count`, `clear`, `latency`, `close`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMULATOR_VIDEOS, type EmulatorVideo, startVodEmulator } from '@playauth/emulator';
import { createPlayAuthHandler, createVodClient, toNodeHandler } from '@playauth/server';

/** Messages the parent sends. */
export type LoadServerCommand =
  | { id: number; cmd: 'count' | 'clear' | 'close' }
  | { id: number; cmd: 'latency'; ms: number };

/** What the `emulator` role needs to be called. */
export interface EmulatorInfo {
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  videoIds: string[];
}

/** 20 playable videos: the emulator's first playable one under 20 VideoIds. */
export function benchVideos(count = 20): EmulatorVideo[] {
  const template = EMULATOR_VIDEOS.find((video) => video.status === 'Normal');
  if (!template) throw new Error('the emulator catalogue has no playable video');
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    videoId: `bench${String(i).padStart(2, '0')}${'0'.repeat(22)}`,
    title: `Bench video ${i}`,
  }));
}

const reply = (id: number, value: unknown) => process.send?.({ id, value });

async function serveEmulator(): Promise<void> {
  const videos = benchVideos();
  const emulator = await startVodEmulator({ host: '127.0.0.1', port: 0, videos });
  const info: EmulatorInfo = {
    url: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    videoIds: videos.map((video) => video.videoId),
  };
  process.on('message', async (message: LoadServerCommand) => {
    if (message.cmd === 'count') reply(message.id, emulator.count('GetVideoPlayAuth'));
    if (message.cmd === 'clear') reply(message.id, emulator.clearRequests());
    if (message.cmd === 'latency')
      reply(message.id, emulator.setLatency('GetVideoPlayAuth', message.ms));
    if (message.cmd === 'close') {
      await emulator.close();
      reply(message.id, null);
      process.disconnect?.();
    }
  });
  process.send?.({ ready: info });
}

async function serveHandler(emulator: EmulatorInfo, coalesce: boolean): Promise<void> {
  const client = createVodClient({
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.url,
  });
  const handler = toNodeHandler(
    createPlayAuthHandler({ client, authorize: () => true, coalesce, onError: () => {} }),
  );
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('message', async (message: LoadServerCommand) => {
    if (message.cmd === 'close') {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      reply(message.id, null);
      process.disconnect?.();
    }
  });
  process.send?.({ ready: { endpoint: `http://127.0.0.1:${port}/play-auth` } });
}

const [role, arg, coalesce] = process.argv.slice(2);
if (role === 'emulator') await serveEmulator();
else if (role === 'handler')
  await serveHandler(JSON.parse(arg ?? '{}') as EmulatorInfo, coalesce === 'on');
