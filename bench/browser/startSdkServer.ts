import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliplayerBuildMiddleware } from '../../dev/aliplayerBuildMiddleware';

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
  const requests: string[] = [];
  const serve = aliplayerBuildMiddleware({
    prefix: '/build/',
    delays,
    headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
  });
  const server: Server = createServer((req, res) => {
    requests.push(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    serve(req, res);
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
