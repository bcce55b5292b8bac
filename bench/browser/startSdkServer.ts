import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { benchPaths } from '../benchPaths';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** The installed SDK build, served like a self-hosted copy. */
export interface SdkServer {
  /** Base URL of the build folder, e.g. `http://127.0.0.1:PORT/build` (no trailing slash). */
  base: string;
  /** Paths served, in order (to check the SDK really came from here, once per page). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `node_modules/aliyun-aliplayer/build` on 127.0.0.1 with `Cache-Control: no-store`
 * (every page pays the full load) and CORS, delaying the files named in `delays` (path relative
 * to the build folder -> ms): figure 4 puts 400 ms on `aliplayer-min.js`, as a slow CDN would.
 */
export async function startSdkServer(delays: Record<string, number> = {}): Promise<SdkServer> {
  const build = join(benchPaths.root, 'node_modules/aliyun-aliplayer/build');
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const relative = normalize(path.replace(/^\/build\//, '')).replace(/^(\.\.[/\\])+/, '');
    const file = join(build, relative);
    if (!file.startsWith(build) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
      return;
    }
    const send = () => {
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
      });
      createReadStream(file).pipe(res);
    };
    const delay = delays[relative] ?? 0;
    if (delay > 0) setTimeout(send, delay);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/build`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
