import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startVodEmulator, type VodEmulator, type VodEmulatorOptions } from '@playauth/emulator';
import {
  type CreateHlsDecryptHandlerOptions,
  type CreatePlayAuthHandlerOptions,
  createHlsDecryptHandler,
  createKmsClient,
  createPlayAuthHandler,
  createVodClient,
  type HlsDecryptHandler,
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
  /**
   * HLS standard encryption end to end: the credential endpoint adds an `MtsHlsUriToken`
   * (`hlsEncryption`, a random secret per backend) and the real `createHlsDecryptHandler`
   * (KMS: the emulator's) answers keys at `keyPath` (default `'/hls-key'`) on the same server; the
   * emulator writes that URL into encrypted playlists. The encrypted video exists only with the
   * emulator's `renditions`. `decrypt` options pass through (default `authorize`: allow all).
   * Without `listen`, mount {@link LocalBackend.decryptNodeHandler} and call
   * `emulator.setDecryptServiceUrl(<its absolute URL>)` yourself. Default off.
   */
  hlsEncryption?:
    | boolean
    | {
        keyPath?: string;
        decrypt?: Partial<Omit<CreateHlsDecryptHandlerOptions, 'kms' | 'secret'>>;
      };
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
  /** With `hlsEncryption`: the decryption service (Web and node:http forms) and its URL (or path). */
  readonly decryptHandler?: HlsDecryptHandler;
  readonly decryptNodeHandler?: NodeHandler;
  readonly keyUrl?: string;
  /** Path and query of every key request, oldest first (a live array; holds tokens: tests only). */
  readonly keyRequests: readonly string[];
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

  const hls = options.hlsEncryption
    ? { keyPath: '/hls-key', ...(options.hlsEncryption === true ? {} : options.hlsEncryption) }
    : undefined;
  if (hls && (hls.keyPath === path || !/^\/[\w./-]*$/.test(hls.keyPath))) {
    await emulator.close();
    throw new LocalBackendError(
      'InvalidOptions',
      `startLocalBackend: hlsEncryption.keyPath must be a path like "/hls-key", other than the credential path, got ${JSON.stringify(hls.keyPath)}`,
    );
  }
  // One secret per backend, shared by the token and the decryption service (never printed).
  const secret = randomBytes(32).toString('hex');
  const emulatorKeys = {
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.url,
  };
  const decryptHandler = hls
    ? createHlsDecryptHandler({
        // Local development and tests only: every token holder gets the key.
        authorize: () => true,
        ...hls.decrypt,
        kms: createKmsClient(emulatorKeys),
        secret,
      })
    : undefined;
  const keyRequests: string[] = [];
  const decryptNode = decryptHandler ? toNodeHandler(decryptHandler) : undefined;
  const decryptNodeHandler: NodeHandler | undefined = decryptNode
    ? (req, res, next) => {
        keyRequests.push(req.url ?? '');
        decryptNode(req, res, next);
      }
    : undefined;

  const handler = createPlayAuthHandler({
    // Local development and tests only: every video may be played.
    authorize: () => true,
    ...(hls ? { hlsEncryption: { secret } } : {}),
    ...options.handler,
    client: createVodClient(emulatorKeys),
  });
  const toNode = toNodeHandler(handler);
  const credentialRequests: string[] = [];
  const nodeHandler: NodeHandler = (req, res, next) => {
    credentialRequests.push(req.url ?? '');
    toNode(req, res, next);
  };

  let server: Server | undefined;
  let endpoint = path;
  let keyUrl = hls?.keyPath;
  if (listen) {
    server = createServer((req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://local').pathname;
      if (pathname === path) nodeHandler(req, res);
      else if (decryptNodeHandler && pathname === hls?.keyPath) decryptNodeHandler(req, res);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: try ${path}`);
    });
    try {
      const origin = `http://${LOCAL_HOST}:${await listenOn(server, port)}`;
      endpoint = `${origin}${path}`;
      if (hls) {
        keyUrl = `${origin}${hls.keyPath}`;
        emulator.setDecryptServiceUrl(keyUrl);
      }
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
    ...(decryptHandler ? { decryptHandler, decryptNodeHandler, keyUrl } : {}),
    keyRequests,
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
