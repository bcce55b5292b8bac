import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { createRequestId, vodRefusal } from '@playauth/vod-model';
import type { ActionContext, Principal } from './ActionContext';
import { authenticateRequest } from './authenticateRequest';
import { EMULATOR_VIDEOS, type EmulatorVideo } from './catalogue';
import { systemClock } from './clock';
import { createNonceStore } from './createNonceStore';
import { EmulatorError, gatewayErrorBody } from './EmulatorError';
import { createFaultInjector } from './faults';
import { getPlayInfo } from './getPlayInfo';
import { getVideoInfo } from './getVideoInfo';
import { getVideoPlayAuth, readAuthInfoTimeout } from './getVideoPlayAuth';
import { createMediaUrlSigner, serveMediaFile } from './media';
import { createPlayAuthIssuer } from './playAuthToken';
import { type PreparedMedia, prepareRenditions } from './prepareRenditions';
import { readApiRequest } from './readApiRequest';
import { renderCoverSvg } from './renderCoverSvg';
import { readVideoId, requirePlayableVideo } from './requirePlayableVideo';
import { answerPreflight, setCorsHeaders } from './setCorsHeaders';
import { signPlaylistSegments } from './signPlaylistSegments';
import {
  DEFAULT_ACCESS_KEY,
  type LatencyTarget,
  type RecordedRequest,
  VOD_API_VERSION,
  type VodEmulator,
  type VodEmulatorOptions,
} from './VodEmulator';

/** One request being answered: the route handlers' shared arguments. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  entry: RecordedRequest;
  query: URLSearchParams;
  /** Records the request with its final status and code. */
  finish: (status: number, code: string) => void;
  /** Drops the connection (a fault) and records it. */
  drop: () => void;
}

const API_ACTIONS = new Set(['GetVideoPlayAuth', 'GetVideoInfo', 'GetPlayInfo']);
const MEDIA_PATH = /^\/media\/([\w-]{1,64})\.mp4$/;
/** A rendition file: `/media/<videoId>/<Definition>/(video.mp4 | index.m3u8 | seg-NNN.ts)`. */
const RENDITION_PATH =
  /^\/media\/([\w-]{1,64})\/([A-Z0-9]{1,8})\/(video\.mp4|index\.m3u8|seg-\d{3,5}\.ts)$/;
const COVER_PATH = /^\/cover\/([\w-]{1,64})\.svg$/;

function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local ApsaraVideo VOD emulator: `GetVideoPlayAuth` and `GetVideoInfo` (V3 and V2
 * signatures), `GetPlayInfo` (as the Aliplayer SDK sends it, at any path), a media route with
 * Range and expiring `auth_key`s, SVG covers, fault injection and a request log.
 *
 * @example
 * ```ts
 * const emulator = await startVodEmulator();
 * const client = createVodClient({
 *   endpoint: emulator.url,
 *   accessKeyId: emulator.accessKeyId,
 *   accessKeySecret: emulator.accessKeySecret,
 * });
 * await client.getVideoPlayAuth({ videoId: DEFAULT_VIDEO_IDS.testPattern });
 * await emulator.close();
 * ```
 */
export async function startVodEmulator(options: VodEmulatorOptions = {}): Promise<VodEmulator> {
  const clock = options.clock ?? systemClock;
  const region = options.region ?? 'cn-shanghai';
  const keyList = options.accessKeys ?? [DEFAULT_ACCESS_KEY];
  const firstKey = keyList[0];
  if (!firstKey) throw new TypeError('startVodEmulator: accessKeys must hold at least one key');
  const keys = new Map(keyList.map((k) => [k.accessKeyId, k]));
  const videos = new Map((options.videos ?? EMULATOR_VIDEOS).map((v) => [v.videoId, v]));
  const faults = createFaultInjector(options.faults, options.faultSeed);
  const latency = new Map<LatencyTarget, number>(
    Object.entries(options.latencyMs ?? {}) as Array<[LatencyTarget, number]>,
  );
  const nonces = createNonceStore(clock);
  const mediaSigner = createMediaUrlSigner();
  /** Renditions by media file (made once per file before the server listens). */
  const renditions = new Map<string, PreparedMedia>();
  if (options.renditions) {
    const prepareOptions = options.renditions === true ? {} : options.renditions;
    const files = new Set<string>();
    for (const v of videos.values()) if (v.media && v.status === 'Normal') files.add(v.media.file);
    // One at a time: ffmpeg uses every core already.
    for (const file of files) renditions.set(file, await prepareRenditions(file, prepareOptions));
  }
  const renditionsOf = (video: EmulatorVideo) =>
    video.media ? renditions.get(video.media.file) : undefined;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const sleepers = new Set<() => void>();
  let closed = false;
  let closing: Promise<void> | undefined;
  const logLine =
    options.log === true
      ? (line: string) => console.log(line)
      : typeof options.log === 'function'
        ? options.log
        : undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logLine?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { Code: 'InternalError', Message: 'The emulator failed.' });
      } else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${formatHost(options.host ?? '127.0.0.1')}:${port}`;
  const baseUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const issuer = createPlayAuthIssuer({
    clock,
    region,
    customerId: 1_234_567_890_123_456,
    playDomain: new URL(baseUrl).host,
  });

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      'Cache-Control': 'no-store',
    });
    res.end(json);
  }

  function sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve(!closed);
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  /** Applies latency and faults; returns `'drop'` when the connection must be dropped. */
  async function disturb(action: LatencyTarget, videoId: string | undefined) {
    const effect = faults.take(action, videoId);
    const ms = (latency.get(action) ?? 0) + (effect?.latencyMs ?? 0);
    if (ms > 0 && !(await sleep(ms))) return 'drop';
    if (effect?.drop) return 'drop';
    if (effect?.error) {
      const { code, status, message } = effect.error;
      throw new EmulatorError(code, status, message);
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: RecordedRequest = {
      action: '',
      code: 'OK',
      status: 200,
      time: clock.now(),
      method: req.method ?? 'GET',
      path: '',
      requestId: createRequestId(),
    };
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    entry.path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    setCorsHeaders(res);
    res.setHeader('x-acs-request-id', entry.requestId);

    const finish = (status: number, code: string) => {
      entry.status = status;
      entry.code = code;
      requests.push(entry);
      logLine?.(
        [
          entry.method,
          entry.action || entry.path,
          entry.videoId,
          '->',
          status,
          code,
          entry.signatureVersion,
        ]
          .filter((p) => p !== undefined && p !== '')
          .join(' '),
      );
    };
    const fail = (error: EmulatorError) => {
      const host = req.headers.host ?? `vod.${region}.aliyuncs.com`;
      sendJson(res, error.status, gatewayErrorBody(error, entry.requestId, host));
      finish(error.status, error.code);
    };
    const drop = () => {
      req.socket.destroy();
      finish(0, 'ConnectionDropped');
    };
    const exchange: Exchange = { req, res, entry, query, finish, drop };

    try {
      if (entry.method === 'OPTIONS') {
        entry.action = 'preflight';
        answerPreflight(req, res);
        return finish(204, 'OK');
      }
      const media = MEDIA_PATH.exec(entry.path) ?? RENDITION_PATH.exec(entry.path);
      if (media) {
        entry.action = 'media';
        entry.videoId = media[1];
        return await handleMedia(exchange, media[2], media[3]);
      }
      const cover = COVER_PATH.exec(entry.path);
      if (cover?.[1] !== undefined) {
        entry.action = 'cover';
        entry.videoId = cover[1];
        const video = videos.get(cover[1]);
        if (!video) throw EmulatorError.fromRefusal(vodRefusal('InvalidVideo.NotFound'));
        return sendText(exchange, 'image/svg+xml;charset=utf-8', renderCoverSvg(video), 'no-cache');
      }
      return await handleApi(exchange);
    } catch (error) {
      if (error instanceof EmulatorError) return fail(error);
      throw error;
    }
  }

  /** Answers 200 with a small text body (none for HEAD). */
  function sendText(
    { res, entry, finish }: Exchange,
    contentType: string,
    body: string,
    cacheControl: string,
  ): void {
    res.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': cacheControl,
    });
    res.end(entry.method === 'HEAD' ? undefined : body);
    finish(200, 'OK');
  }

  /**
   * Serves `/media/<id>.mp4` (no `definition`) or a rendition file, after checking the
   * `auth_key` of the request path on the emulator's clock. A playlist is answered with its
   * segment URIs signed until the playlist's own expiry (see `signPlaylistSegments`).
   */
  async function handleMedia(
    exchange: Exchange,
    definition?: string,
    name?: string,
  ): Promise<void> {
    const { req, res, entry, query, finish, drop } = exchange;
    if (entry.method !== 'GET' && entry.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      throw new EmulatorError('MethodNotAllowed', 405, 'Use GET or HEAD.');
    }
    if ((await disturb('media', entry.videoId)) === 'drop') return drop();
    const video = entry.videoId === undefined ? undefined : videos.get(entry.videoId);
    if (!video?.media) throw new EmulatorError('InvalidVideo.NotFound', 404, 'No such media.');
    const check = mediaSigner.verify(entry.path, query.get('auth_key'), clock.now());
    if (check !== 'ok') {
      const code = {
        missing: 'Forbidden.AuthKeyMissing',
        malformed: 'Forbidden.AuthKeyInvalid',
        invalid: 'Forbidden.AuthKeyInvalid',
        expired: 'Forbidden.AuthKeyExpired',
      }[check];
      throw new EmulatorError(
        code,
        403,
        `The play URL was refused (${check} auth_key): call GetPlayInfo again.`,
      );
    }
    if (video.status !== 'Normal') {
      throw new EmulatorError('Forbidden.IllegalStatus', 403, `The video is ${video.status}.`);
    }
    let file = video.media.file;
    let contentType = 'video/mp4';
    if (definition !== undefined && name !== undefined) {
      const rendition = renditionsOf(video)?.renditions.find((r) => r.definition === definition);
      const known =
        name === 'video.mp4' || name === 'index.m3u8' || rendition?.segments.includes(name);
      if (!rendition || !known) {
        throw new EmulatorError('InvalidVideo.NotFound', 404, 'No such media.');
      }
      file = name === 'video.mp4' ? rendition.mp4 : join(dirname(rendition.playlist), name);
      if (name.endsWith('.ts')) contentType = 'video/mp2t';
      if (name === 'index.m3u8') {
        const expiresAtSec = Number((query.get('auth_key') ?? '').split('-')[0]);
        const body = signPlaylistSegments(await readFile(file, 'utf8'), entry.path, (path) =>
          mediaSigner.sign(path, expiresAtSec),
        );
        return sendText(exchange, 'application/vnd.apple.mpegurl', body, 'no-store');
      }
    }
    try {
      const status = await serveMediaFile(req, res, file, contentType);
      finish(status, 'OK');
    } catch (error) {
      // A player that seeks aborts its previous range request: not a failure of the emulator.
      if (res.headersSent) return finish(res.statusCode, 'ClientAborted');
      throw error;
    }
  }

  async function handleApi(exchange: Exchange): Promise<void> {
    const { req, res, entry, query, finish, drop } = exchange;
    if (entry.method !== 'GET' && entry.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST, OPTIONS');
      throw new EmulatorError('MethodNotAllowed', 405, 'API requests use GET or POST.');
    }
    const {
      signed,
      params,
      signatureVersion: version,
      action,
      apiVersion,
    } = await readApiRequest(req, entry.path, query);
    entry.signatureVersion = version;
    entry.action = action ?? '';
    entry.videoId = params.VideoId;

    if (!action) throw EmulatorError.missingParameter('Action');
    if (!API_ACTIONS.has(action)) {
      throw new EmulatorError(
        'InvalidAction.NotFound',
        404,
        `Specified api "${action.slice(0, 64)}" is not found: the emulator implements GetVideoPlayAuth, GetVideoInfo and GetPlayInfo.`,
      );
    }
    if ((await disturb(action as LatencyTarget, params.VideoId)) === 'drop') return drop();
    if (!version) throw EmulatorError.missingParameter('Signature');
    if (!apiVersion)
      throw EmulatorError.missingParameter(version === 'v3' ? 'x-acs-version' : 'Version');
    if (apiVersion !== VOD_API_VERSION) {
      throw new EmulatorError(
        'InvalidVersion',
        400,
        `Specified parameter Version "${apiVersion.slice(0, 32)}" is not valid: use ${VOD_API_VERSION}.`,
      );
    }
    const principal = await authenticateRequest(signed, params, version, {
      keys,
      issuer,
      nonces,
      clock,
    });
    authorize(principal, action);
    const ctx: ActionContext = {
      clock,
      region,
      baseUrl,
      videos,
      issuer,
      mediaSigner,
      renditionsOf,
      requestId: entry.requestId,
    };
    const answer =
      action === 'GetVideoPlayAuth'
        ? getVideoPlayAuth(params, ctx)
        : action === 'GetVideoInfo'
          ? getVideoInfo(params, ctx)
          : await getPlayInfo(params, principal, ctx);
    sendJson(res, 200, answer);
    finish(200, 'OK');
  }

  function authorize(principal: Principal, action: string): void {
    const allowed =
      principal.kind === 'playauth'
        ? action === 'GetPlayInfo'
        : (keys.get(principal.accessKeyId)?.actions?.includes(action) ?? true);
    if (!allowed) {
      throw new EmulatorError(
        'Forbidden.RAM',
        403,
        `User not authorized to operate on the specified resource: ${action} is not allowed for this AccessKey.`,
      );
    }
  }

  return {
    url,
    port,
    accessKeyId: firstKey.accessKeyId,
    accessKeySecret: firstKey.accessKeySecret,
    region,
    clock,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    count: (action) => requests.filter((r) => r.action === action).length,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency(action, ms) {
      if (!(ms >= 0 && Number.isFinite(ms))) throw new TypeError('setLatency: ms must be >= 0');
      if (ms === 0) latency.delete(action);
      else latency.set(action, ms);
    },
    get videos() {
      return [...videos.values()];
    },
    setVideo(video) {
      videos.set(video.videoId, video);
    },
    createPlayAuth(videoId, authInfoTimeout = 100) {
      const id = readVideoId({ VideoId: videoId });
      const timeout = readAuthInfoTimeout(String(authInfoTimeout));
      return issuer.issue(requirePlayableVideo(videos, id).videoId, timeout).playAuth;
    },
    close() {
      if (closing) return closing;
      closed = true;
      for (const wake of [...sleepers]) wake();
      closing = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
