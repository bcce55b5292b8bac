import {
  type GetVideoInfoResponse,
  type GetVideoPlayAuthResponse,
  isValidAuthInfoTimeout,
  isValidVideoId,
} from '@playauth/core';
import { isVodErrorCode, isVodRequestId } from './isVodRequestId';
import { percentEncode } from './percentEncode';
import { BodyTooLargeError, MAX_UPSTREAM_BODY_BYTES, readCappedText } from './readCappedText';
import { scrubSecrets } from './scrubSecrets';
import { type Acs3Credentials, signAcs3 } from './signAcs3';
import { sleep, untilAborted } from './untilAborted';
import { classifyVodError, VodApiError } from './VodApiError';

/** An AccessKey pair of a RAM user, or STS credentials (with `securityToken`). */
export type VodCredentials = Acs3Credentials;

/**
 * Returns the credentials to sign the next attempt with; called before every attempt, so a
 * provider can hand out rotated STS tokens. Cache inside the provider: it is called often.
 */
export type VodCredentialsProvider = () => VodCredentials | Promise<VodCredentials>;

/** Options of {@link createVodClient}. */
export interface CreateVodClientOptions {
  /** Credentials, or an (async) provider of them. Alternative to the three fields below. */
  credentials?: VodCredentials | VodCredentialsProvider;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** STS security token, with an STS AccessKey id and secret. */
  securityToken?: string;
  /** Region the videos are stored in. Default `cn-shanghai`. Call the region of the video. */
  region?: string;
  /**
   * Overrides the region's endpoint `https://vod.<region>.aliyuncs.com`: an origin such as
   * `https://vod-vpc.cn-shanghai.aliyuncs.com` or the local emulator's URL.
   */
  endpoint?: string;
  /** `fetch` implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Per-attempt timeout in milliseconds, covering the credentials provider, the request and the
   * response body. Default `5000`.
   */
  timeoutMs?: number;
  /** Retries after the first attempt, for retryable errors only. Default `3`. */
  maxRetries?: number;
  /**
   * Delay before retry number `attempt` (1-based), in milliseconds.
   * Default {@link defaultRetryDelayMs}: exponential backoff with jitter. A longer `Retry-After`
   * from the gateway wins; over 10 s the error is thrown instead of waiting.
   */
  retryDelayMs?: (attempt: number) => number;
}

/** Parameters of `GetVideoPlayAuth`. */
export interface GetVideoPlayAuthParams {
  /** The VOD VideoId: 1 to 64 characters of `A-Z a-z 0-9 _ -`. */
  videoId: string;
  /** PlayAuth validity in seconds, an integer in 100..3000. Default (VOD's): 100. */
  authInfoTimeout?: number;
}

/** Parameters of `GetVideoInfo`. */
export interface GetVideoInfoParams {
  /** The VOD VideoId: 1 to 64 characters of `A-Z a-z 0-9 _ -`. */
  videoId: string;
}

/** Per-call options of {@link VodClient}. */
export interface VodCallOptions {
  /** Aborts the call, including retries and backoff waits; it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A minimal ApsaraVideo VOD client, made by {@link createVodClient}. */
export interface VodClient {
  /** The origin requests go to, e.g. `https://vod.cn-shanghai.aliyuncs.com`. */
  readonly endpoint: string;
  /** The region the client was created for. */
  readonly region: string;
  /**
   * Longest a call (`getVideoPlayAuth`, `getVideoInfo`) may take, every attempt and backoff wait
   * included, in milliseconds: `timeoutMs × (maxRetries + 1)` plus the longest waits between
   * attempts. `createPlayAuthHandler` derives its default deadline from it.
   */
  readonly budgetMs?: number;
  /**
   * Calls `GetVideoPlayAuth` and returns its JSON body as VOD sent it.
   * @throws {@link VodApiError} after retries are exhausted or for a non-retryable error.
   */
  getVideoPlayAuth(
    params: GetVideoPlayAuthParams,
    options?: VodCallOptions,
  ): Promise<GetVideoPlayAuthResponse>;
  /**
   * Calls `GetVideoInfo` (the video's title, duration, cover, status; no credential) and returns
   * its JSON body as VOD sent it. Signed, timed out and retried exactly as `getVideoPlayAuth`;
   * the RAM policy must allow `vod:GetVideoInfo`. Turn it into a `VideoMeta` with `toVideoMeta`
   * (`@playauth/core`) for server-rendered covers and titles that embed no PlayAuth.
   * @throws {@link VodApiError} after retries are exhausted or for a non-retryable error
   * (`InvalidVideo.NotFound` for an unknown id; unlike GetVideoPlayAuth, any status answers).
   * @example
   * ```ts
   * const meta = toVideoMeta(await vod.getVideoInfo({ videoId }));
   * ```
   */
  getVideoInfo(params: GetVideoInfoParams, options?: VodCallOptions): Promise<GetVideoInfoResponse>;
}

/** The VOD actions the client calls, each with the field that marks its success body. */
const ACTIONS = {
  GetVideoPlayAuth: 'VideoMeta',
  GetVideoInfo: 'Video',
} as const;
type VodAction = keyof typeof ACTIONS;

/** Default region of {@link createVodClient}. */
export const DEFAULT_VOD_REGION = 'cn-shanghai';
const VOD_VERSION = '2017-03-21';
const REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
const MAX_RETRY_WAIT_MS = 10_000;
const DEFAULT_MAX_DELAY_MS = 3000;

/**
 * Default backoff: 200 ms doubled per retry, capped at 3 s, with "equal jitter" (a random point
 * in the upper half) so that many backends throttled together do not retry in lockstep.
 *
 * @param attempt - Retry number, 1-based.
 * @returns Milliseconds to wait.
 */
export function defaultRetryDelayMs(attempt: number): number {
  const ceiling = Math.min(DEFAULT_MAX_DELAY_MS, 200 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function configError(message: string): VodApiError {
  return new VodApiError('InvalidConfiguration', `createVodClient: ${message}`);
}

function resolveEndpoint(options: CreateVodClientOptions, region: string): string {
  if (options.endpoint === undefined) return `https://vod.${region}.aliyuncs.com`;
  let url: URL;
  try {
    url = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(options.endpoint)
        ? options.endpoint
        : `https://${options.endpoint}`,
    );
  } catch {
    throw configError(
      'endpoint is not a URL; pass an origin like "https://vod.cn-shanghai.aliyuncs.com"',
    );
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw configError(
      'endpoint must be an http(s) origin without path, query or user info, like "https://vod.cn-shanghai.aliyuncs.com"',
    );
  }
  return url.origin;
}

function resolveCredentials(options: CreateVodClientOptions): VodCredentialsProvider {
  const { credentials } = options;
  if (typeof credentials === 'function') return credentials;
  const fixed = credentials ?? {
    accessKeyId: options.accessKeyId ?? '',
    accessKeySecret: options.accessKeySecret ?? '',
    securityToken: options.securityToken,
  };
  if (!fixed.accessKeyId || !fixed.accessKeySecret) {
    throw configError(
      'no credentials: pass accessKeyId and accessKeySecret (or credentials), e.g. createVodClient(fromEnv()) with ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET set',
    );
  }
  return () => fixed;
}

// Upstream messages can echo what was signed (V2 gateways print the whole string to sign, with
// the AccessKey id and token): scrubSecrets cuts there and blanks any credential that still shows.
function sanitize(message: string, creds: VodCredentials | undefined): string {
  return scrubSecrets(message, [creds?.accessKeyId, creds?.accessKeySecret, creds?.securityToken]);
}

const HINTS: Record<string, (action: VodAction) => string> = {
  configuration: (action) =>
    `check the AccessKey pair (or STS token), the server clock, and that the RAM policy allows vod:${action}`,
  notFound: () =>
    'the VideoId does not exist in this account and region (is the client set to the region of the video?)',
  illegalStatus: () =>
    'the video is not playable yet (uploading, transcoding, in review or blocked)',
  throttling: (action) =>
    `the account-wide ${action} limit was hit; coalesce requests and retry later`,
  parameter: () => 'the request parameters were refused',
};

function toRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseRetryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  return value !== null && /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function readResponse(
  action: VodAction,
  response: Response,
  text: string,
  creds: VodCredentials,
): unknown {
  const { status } = response;
  let body: Record<string, unknown> | undefined;
  try {
    body = toRecord(JSON.parse(text));
  } catch {
    body = undefined;
  }
  const str = (key: string) => {
    const v = body?.[key] ?? body?.[key.charAt(0).toLowerCase() + key.slice(1)];
    return typeof v === 'string' ? v : undefined;
  };
  // Copied into errors, logs and answers: only values of VOD's own formats are kept.
  const rawId = str('RequestId');
  const requestId = isVodRequestId(rawId) ? rawId : undefined;
  const ok = status >= 200 && status <= 299;
  // A success body has its action's object (and, for GetVideoPlayAuth, the PlayAuth).
  if (
    ok &&
    toRecord(body?.[ACTIONS[action]]) &&
    (action !== 'GetVideoPlayAuth' || typeof body?.PlayAuth === 'string')
  ) {
    return body;
  }
  const rawCode = str('Code');
  const code = isVodErrorCode(rawCode) ? rawCode : undefined;
  const vodShaped = code !== undefined || rawCode !== undefined || rawId !== undefined;
  if (status >= 500 && (!body || !vodShaped)) {
    // A proxy's or load balancer's own error page: the service behind it is unavailable.
    throw new VodApiError(
      'ServiceUnavailable',
      `${action} answered HTTP ${status} with ${body ? 'JSON' : 'a body'} that is not VOD's (a proxy or load balancer page?); retry later`,
      { status, retryAfter: parseRetryAfter(response.headers) },
    );
  }
  if (!body || (ok && rawCode === undefined) || (!ok && !vodShaped)) {
    throw new VodApiError(
      'InvalidResponse',
      `${action} answered HTTP ${status} with ${body ? `JSON that is not a ${action} response` : 'a body that is not JSON'}; is the endpoint an ApsaraVideo VOD API endpoint?`,
      { status, requestId, retryAfter: parseRetryAfter(response.headers) },
    );
  }
  const finalCode = code ?? `Http${status}`;
  const upstream = sanitize(str('Message') ?? '', creds);
  const hint = HINTS[classifyVodError(finalCode, status).kind]?.(action);
  throw new VodApiError(
    finalCode,
    `${action} failed with ${finalCode} (HTTP ${status})${upstream ? `: ${upstream}` : ''}${hint ? `; ${hint}` : ''}${requestId ? ` [RequestId ${requestId}]` : ''}`,
    { status, requestId, retryAfter: parseRetryAfter(response.headers) },
  );
}

/**
 * Creates a client for the VOD calls playauth needs, `GetVideoPlayAuth` (a credential for the
 * browser) and `GetVideoInfo` (metadata for server rendering, no credential), signed with
 * signature V3 (Web Crypto, `fetch`; no SDK, no `node:` modules).
 *
 * Every attempt is signed anew (fresh date and nonce, fresh credentials from a provider) and
 * aborted after `timeoutMs`. Retryable failures (throttling, 5xx, `ServiceUnavailable`,
 * `InternalError`, `SignatureNonceUsed`, network errors, timeouts) are retried up to
 * `maxRetries` times with backoff; others throw at once. Errors are {@link VodApiError}s whose
 * messages never contain the AccessKey, secret, token or signature.
 *
 * @param options - Credentials, region or endpoint, timeouts and retries.
 * @throws {@link VodApiError} `InvalidConfiguration` for missing credentials or a bad endpoint.
 * @example
 * ```ts
 * import { createVodClient, fromEnv } from '@playauth/server';
 *
 * const vod = createVodClient(fromEnv()); // ALIBABA_CLOUD_ACCESS_KEY_ID, ..._SECRET, VOD_REGION
 * const { PlayAuth, VideoMeta } = await vod.getVideoPlayAuth({ videoId, authInfoTimeout: 600 });
 * const { Video } = await vod.getVideoInfo({ videoId }); // Title, Duration, CoverURL, Status
 * ```
 */
export function createVodClient(options: CreateVodClientOptions): VodClient {
  const region = options.region ?? DEFAULT_VOD_REGION;
  if (!REGION.test(region))
    throw configError(`region "${region.slice(0, 40)}" is not a region id like "cn-shanghai"`);
  const endpoint = resolveEndpoint(options, region);
  const getCredentials = resolveCredentials(options);
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRetries = options.maxRetries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw configError('timeoutMs must be a positive number');
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0))
    throw configError('maxRetries must be an integer >= 0');

  async function credentialsForAttempt(): Promise<VodCredentials> {
    try {
      return await getCredentials();
    } catch (cause) {
      throw new VodApiError(
        'InvalidConfiguration',
        'The credentials provider given to createVodClient failed; see `cause`',
        { cause },
      );
    }
  }

  async function attempt(action: VodAction, url: string, signal: AbortSignal | undefined) {
    signal?.throwIfAborted();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (cause: unknown): never => {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        throw new VodApiError('Timeout', `${action} did not answer within ${timeoutMs} ms`, {
          cause,
        });
      }
      throw new VodApiError(
        'NetworkError',
        `${action} could not reach ${endpoint}; check DNS, firewall and the endpoint`,
        { cause },
      );
    };
    try {
      // The timeout covers the provider too: one that never settles must not wedge the call.
      const creds = await untilAborted(credentialsForAttempt(), controller.signal).catch(
        (error: unknown) => (controller.signal.aborted ? fail(error) : Promise.reject(error)),
      );
      const { host: _host, ...headers } = await signAcs3(
        {
          method: 'POST',
          url,
          headers: {
            'x-acs-action': action,
            'x-acs-version': VOD_VERSION,
            accept: 'application/json',
          },
        },
        creds,
      );
      const fetchImpl = options.fetch ?? globalThis.fetch;
      // A redirect would carry the security token elsewhere: never follow one.
      // Raced with the abort as well: a fetch that ignores its signal still times out.
      const response = await untilAborted(
        fetchImpl(url, {
          method: 'POST',
          headers,
          signal: controller.signal,
          redirect: 'manual',
        }),
        controller.signal,
      ).catch(fail);
      const text = await untilAborted(readCappedText(response), controller.signal).catch(
        (error: unknown) => {
          if (!(error instanceof BodyTooLargeError)) return fail(error);
          void response.body?.cancel().catch(() => undefined);
          throw new VodApiError(
            'InvalidResponse',
            `${action} answered HTTP ${response.status} with a body over ${MAX_UPSTREAM_BODY_BYTES} bytes (a ${action} answer is a few KB); is the endpoint an ApsaraVideo VOD API endpoint?`,
            { status: response.status },
          );
        },
      );
      return readResponse(action, response, text, creds);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  // Every attempt plus the longest backoff between two (3 s by default, 10 s at most).
  const budgetMs =
    timeoutMs * (maxRetries + 1) +
    maxRetries * (options.retryDelayMs ? MAX_RETRY_WAIT_MS : DEFAULT_MAX_DELAY_MS);

  /**
   * One VOD call: `VideoId` checked, the parameters in the query string, sorted and RFC 3986
   * encoded as the official client sends RPC calls, then attempts with backoff between them.
   */
  async function call(
    action: VodAction,
    videoId: string,
    params: Record<string, string | number | undefined>,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (!isValidVideoId(videoId)) {
      throw new VodApiError(
        'InvalidParameter',
        'VideoId must be 1-64 characters of A-Z a-z 0-9 _ -',
      );
    }
    const query = Object.entries({ ...params, VideoId: videoId })
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(String(value))}`)
      .join('&');
    const url = `${endpoint}/?${query}`;
    for (let retry = 0; ; retry++) {
      try {
        return await attempt(action, url, signal);
      } catch (error) {
        if (!(error instanceof VodApiError) || !error.retryable || retry >= maxRetries) throw error;
        const wait = Math.max(retryDelayMs(retry + 1), (error.retryAfter ?? 0) * 1000);
        if (wait > MAX_RETRY_WAIT_MS) throw error;
        await sleep(wait, signal);
      }
    }
  }

  return {
    endpoint,
    region,
    budgetMs,
    async getVideoPlayAuth({ videoId, authInfoTimeout }, { signal } = {}) {
      if (authInfoTimeout !== undefined && !isValidAuthInfoTimeout(authInfoTimeout)) {
        throw new VodApiError(
          'InvalidParameter',
          'AuthInfoTimeout must be an integer number of seconds in 100..3000',
        );
      }
      const body = await call(
        'GetVideoPlayAuth',
        videoId,
        { AuthInfoTimeout: authInfoTimeout },
        signal,
      );
      return body as GetVideoPlayAuthResponse;
    },
    async getVideoInfo({ videoId }, { signal } = {}) {
      return (await call('GetVideoInfo', videoId, {}, signal)) as GetVideoInfoResponse;
    },
  };
}
