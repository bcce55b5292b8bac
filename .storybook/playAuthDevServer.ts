import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';
import type { StorybookCatalogueEntry } from './catalogue.js';
import type { StorybookRuntimeConfig } from './playerEngine.js';

/** Where the stories fetch credentials in every mode (MSW answers the same path without a server). */
export const PLAY_AUTH_PATH = '/api/play-auth';
/** JSON describing the running dev setup; only exists under `npm start`. */
export const DEV_INFO_PATH = '/__playauth/dev-info';
/** The installed SDK build, served for the real engine so it loads without the CDN. */
export const ALIPLAYER_PATH = '/__playauth/aliplayer/';

/** What {@link DEV_INFO_PATH} answers. */
export interface PlayAuthDevInfo {
  engine: StorybookRuntimeConfig['engine'];
  engineReason: string;
  /** Same-origin credential endpoint backed by the real handler. */
  endpoint: string;
  /** Where GetPlayInfo goes (player option `customVodServer`): the emulator. */
  customVodServer: string;
  /** Base URL of the self-served SDK build (absolute `assetPrefix` needs the page origin). */
  aliplayerPath: string;
  /** The emulator's catalogue (ids to try). */
  videos: readonly StorybookCatalogueEntry[];
}

const sdkBuildDir = fileURLToPath(
  new URL('../node_modules/aliyun-aliplayer/build/', import.meta.url),
);

/**
 * Vite plugin for `storybook dev` only: starts the VOD emulator in this process and mounts the real
 * `createPlayAuthHandler` (signing real requests to the emulator) at `/api/play-auth`, so the
 * stories show the whole product working offline. The emulator closes with the dev server.
 *
 * Packages are loaded through Vite's SSR loader so they resolve to their sources by alias (a fresh
 * clone has no `dist/`).
 */
export function playAuthDevServer(
  runtime: StorybookRuntimeConfig,
  videos: readonly StorybookCatalogueEntry[],
): Plugin {
  return {
    name: 'playauth:dev-server',
    apply: 'serve',
    async configureServer(server) {
      const [{ startVodEmulator }, { createVodClient, createPlayAuthHandler, toNodeHandler }] =
        await Promise.all([
          server.ssrLoadModule('@playauth/emulator') as Promise<
            typeof import('@playauth/emulator')
          >,
          server.ssrLoadModule('@playauth/server') as Promise<typeof import('@playauth/server')>,
        ]);
      const emulator = await startVodEmulator({ port: 0 });
      const client = createVodClient({
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
        endpoint: emulator.url,
      });
      const playAuth = toNodeHandler(
        createPlayAuthHandler({
          client,
          // Storybook only: every visitor may play every video of the local emulator. A real app
          // must decide here whether the signed-in user may watch `videoId` (and return false
          // otherwise); allow-all would hand credentials for the whole VOD library to anyone.
          authorize: async () => true,
        }),
      );
      const info: PlayAuthDevInfo = {
        engine: runtime.engine,
        engineReason: runtime.engineReason,
        endpoint: PLAY_AUTH_PATH,
        customVodServer: emulator.url,
        aliplayerPath: ALIPLAYER_PATH,
        videos,
      };

      server.middlewares.use((req, res, next) => {
        const pathname = new URL(req.url ?? '/', 'http://local').pathname;
        if (pathname === PLAY_AUTH_PATH) return void playAuth(req, res, next);
        if (pathname === DEV_INFO_PATH) return sendJson(res, info);
        if (pathname.startsWith(ALIPLAYER_PATH)) {
          return serveSdkFile(pathname.slice(ALIPLAYER_PATH.length), res, next);
        }
        next();
      });

      closeWith(server, () => emulator.close());
      server.config.logger.info(
        `\n  playauth: VOD emulator on ${emulator.url}, real handler at ${PLAY_AUTH_PATH}, engine: ${runtime.engine}\n`,
      );
    },
  };
}

function closeWith(server: ViteDevServer, close: () => unknown): void {
  let closed = false;
  const once = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  server.httpServer?.once('close', () => void once());
  const closeServer = server.close.bind(server);
  server.close = async () => {
    await once();
    await closeServer();
  };
}

function sendJson(res: ServerResponse, body: unknown): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** A minimal static server for the SDK folder: a `<script>` must get the file untransformed. */
function serveSdkFile(
  relative: string,
  res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const file = normalize(join(sdkBuildDir, decodeURIComponent(relative)));
  const inside = file.startsWith(sdkBuildDir.endsWith(sep) ? sdkBuildDir : sdkBuildDir + sep);
  if (!inside || !isFile(file)) {
    next();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', contentTypes[extname(file)] ?? 'application/octet-stream');
  createReadStream(file).on('error', next).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
