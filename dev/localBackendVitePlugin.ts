import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';
import { aliplayerBuildMiddleware } from './aliplayerBuildMiddleware.js';
import {
  LOCAL_ALIPLAYER_PATH,
  LOCAL_DEV_INFO_PATH,
  LOCAL_PLAY_AUTH_PATH,
  type LocalBackendDevInfo,
} from './localBackendPaths.js';
import type { LocalBackend, LocalBackendOptions } from './startLocalBackend.js';

/** Options of {@link localBackendVitePlugin}. */
export interface LocalBackendVitePluginOptions {
  /** Path of the credential endpoint. Default {@link LOCAL_PLAY_AUTH_PATH}. */
  path?: string;
  /** Extra fields for the dev-info answer (e.g. which player engine the app picked). */
  devInfo?: Record<string, unknown>;
  /** Passed to `startLocalBackend` (emulator and handler options). */
  backend?: Omit<LocalBackendOptions, 'listen' | 'port' | 'path'>;
}

const startLocalBackendFile = fileURLToPath(new URL('./startLocalBackend.ts', import.meta.url));

/**
 * Vite plugin for dev servers only (`apply: 'serve'`): starts the local backend
 * (`startLocalBackend`: VOD emulator + real `createPlayAuthHandler`) with the dev server and mounts
 * the credential endpoint at `path`, dev info at {@link LOCAL_DEV_INFO_PATH} and the installed SDK
 * at {@link LOCAL_ALIPLAYER_PATH}. The backend closes with the server.
 *
 * The backend is loaded through the dev server's SSR loader, so `@playauth/*` resolve the way the
 * server's `resolve.alias` says (the sources, in this repo: a fresh clone has no `dist/`).
 *
 * @example
 * ```ts
 * // vite.config.ts of an example app, or Storybook's viteFinal
 * export default defineConfig({ plugins: [react(), localBackendVitePlugin()] });
 * // the app: <PlayAuthProvider endpoint="/api/play-auth"> and customVodServer from /__playauth/dev-info
 * ```
 */
export function localBackendVitePlugin(options: LocalBackendVitePluginOptions = {}): Plugin {
  const path = options.path ?? LOCAL_PLAY_AUTH_PATH;
  return {
    name: 'playauth:local-backend',
    apply: 'serve',
    async configureServer(server) {
      const { startLocalBackend } = (await server.ssrLoadModule(
        startLocalBackendFile,
      )) as typeof import('./startLocalBackend.js');
      const backend: LocalBackend = await startLocalBackend({
        ...options.backend,
        listen: false,
        path,
      });
      const info: LocalBackendDevInfo = {
        ...options.devInfo,
        endpoint: backend.endpoint,
        customVodServer: backend.customVodServer,
        aliplayerPath: LOCAL_ALIPLAYER_PATH,
      };
      const sdkFiles = aliplayerBuildMiddleware({ prefix: LOCAL_ALIPLAYER_PATH });
      server.middlewares.use((req, res, next) => {
        const pathname = new URL(req.url ?? '/', 'http://local').pathname;
        if (pathname === path) return backend.nodeHandler(req, res, next);
        if (pathname === LOCAL_DEV_INFO_PATH) return sendJson(res, info);
        if (pathname.startsWith(LOCAL_ALIPLAYER_PATH)) return sdkFiles(req, res, next);
        next();
      });
      closeWith(server, () => backend.close());
      server.config.logger.info(
        `\n  playauth: VOD emulator on ${backend.customVodServer}, real handler at ${path}\n`,
      );
    },
  };
}

/** Closes the backend with the dev server, whichever way the server is stopped. */
function closeWith(server: ViteDevServer, close: () => Promise<void>): void {
  server.httpServer?.once('close', () => void close());
  const closeServer = server.close.bind(server);
  server.close = async () => {
    await close();
    await closeServer();
  };
}

function sendJson(res: ServerResponse, body: unknown): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
