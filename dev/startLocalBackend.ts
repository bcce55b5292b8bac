import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startVodEmulator, type VodEmulator, type VodEmulatorOptions } from '@playauth/emulator';
import {
  type CreatePlayAuthHandlerOptions,
  createPlayAuthHandler,
  createVodClient,
  type NodeHandler,
  type PlayAuthHandler,
  toNodeHandler,
} from '@playauth/server';
import { LocalBackendError } from './LocalBackendError.js';

/** The only interface the local backend binds: it hands out credentials to anyone who asks. */
export const LOCAL_HOST = '127.0.0.1';

/** Options of {@link startLocalBackend}; every one is optional. */
export interface LocalBackendOptions {
  /** Emulator options (catalogue, clock, faults, latency…). It always listens on 127.0.0.1. */
  emulator?: Omit<VodEmulatorOptions, 'host'>;
  /**
   * Options of the real `createPlayAuthHandler`, besides its VOD client (always the emulator).
   * Default `authorize`: every video may be played, which only a local backend may do.
   */
  handler?: Partial<Omit<CreatePlayAuthHandlerOptions, 'client'>>;
  /**
   * `true` (default): serve the handler on its own 127.0.0.1 server. `false`: start no server and
   * mount {@link LocalBackend.nodeHandler} yourself (the Storybook dev server does).
   */
  listen?: boolean;
  /** Port of that server; `0` (default) picks a free one. */
  port?: number;
  /** Path of the credential endpoint. Default `'/play-auth'`. */
  path?: string;
}

/** A running local backend: the VOD emulator and the real credential handler in front of it. */
export interface LocalBackend {
  /**
   * Where the browser fetches credentials: `http://127.0.0.1:<port><path>` when listening, else
   * `path` (same-origin, wherever `nodeHandler` is mounted).
   */
  readonly endpoint: string;
  /** Where the player sends GetPlayInfo (player option `customVodServer`): the emulator. */
  readonly customVodServer: string;
  /** The running emulator (request log, faults, clock, `createPlayAuth`…). */
  readonly emulator: VodEmulator;
  /** The real `createPlayAuthHandler` (Web `Request` in, `Response` out). */
  readonly handler: PlayAuthHandler;
  /** The same handler for node:http / Connect; it records {@link credentialRequests}. */
  readonly nodeHandler: NodeHandler;
  /** Path and query of every credential request, oldest first (a live array). */
  readonly credentialRequests: readonly string[];
  /** Stops the server (if any) and the emulator. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts the local backend every development and test setup shares: the VOD emulator from
 * `@playauth/emulator` plus the real `createPlayAuthHandler` from `@playauth/server`, signing real
 * requests to it, on 127.0.0.1 only. Used by Storybook's dev server (`npm start`), the e2e tests
 * and the browser benchmarks.
 *
 * Defaults: free ports, endpoint path `/play-auth`, every video authorised (a real app decides per
 * user in `authorize`; allow-all would hand out credentials for the whole VOD library).
 *
 * @throws {LocalBackendError} `InvalidOptions` for a bad port or path, `EmulatorFailed` when the
 * emulator cannot start, `ListenFailed` when the port is taken. Nothing is left running then.
 *
 * @example
 * ```ts
 * const backend = await startLocalBackend();
 * const response = await fetch(`${backend.endpoint}?VideoId=${DEFAULT_VIDEO_IDS.testPattern}`);
 * // <VodPlayer options={{ customVodServer: backend.customVodServer, customVodServerFirst: true }} />
 * await backend.close();
 * ```
 */
export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const { listen = true, port = 0, path = '/play-auth' } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new LocalBackendError(
      'InvalidOptions',
      `startLocalBackend: port must be an integer from 0 to 65535 (0 picks a free one), got ${String(port)}`,
    );
  }
  if (typeof path !== 'string' || !/^\/[\w./-]*$/.test(path)) {
    throw new LocalBackendError(
      'InvalidOptions',
      `startLocalBackend: path must start with "/" and hold only letters, digits, "_", ".", "-" and "/", got ${JSON.stringify(path)}`,
    );
  }

  let emulator: VodEmulator;
  try {
    emulator = await startVodEmulator({ port: 0, ...options.emulator, host: LOCAL_HOST });
  } catch (error) {
    throw new LocalBackendError(
      'EmulatorFailed',
      `startLocalBackend: the VOD emulator did not start (${errorMessage(error)}); check the emulator options`,
      { cause: error },
    );
  }

  const handler = createPlayAuthHandler({
    // Local development and tests only: every video may be played.
    authorize: () => true,
    ...options.handler,
    client: createVodClient({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: emulator.url,
    }),
  });
  const toNode = toNodeHandler(handler);
  const credentialRequests: string[] = [];
  const nodeHandler: NodeHandler = (req, res, next) => {
    credentialRequests.push(req.url ?? '');
    toNode(req, res, next);
  };

  let server: Server | undefined;
  let endpoint = path;
  if (listen) {
    server = createServer((req, res) => {
      if (new URL(req.url ?? '/', 'http://local').pathname === path) nodeHandler(req, res);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: try ${path}`);
    });
    try {
      endpoint = `http://${LOCAL_HOST}:${await listenOn(server, port)}${path}`;
    } catch (error) {
      await emulator.close();
      throw new LocalBackendError(
        'ListenFailed',
        `startLocalBackend: cannot listen on ${LOCAL_HOST}:${port} (${errorMessage(error)}); pass port: 0 for a free port`,
        { cause: error },
      );
    }
  }

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    customVodServer: emulator.url,
    emulator,
    handler,
    nodeHandler,
    credentialRequests,
    close() {
      closing ??= (async () => {
        if (server) {
          const open = server;
          open.closeAllConnections();
          await new Promise<void>((resolve) => open.close(() => resolve()));
        }
        await emulator.close();
      })();
      return closing;
    },
  };
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
