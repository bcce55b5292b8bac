import { isVodErrorCode, isVodRequestId } from './isVodRequestId';
import { BodyTooLargeError, MAX_UPSTREAM_BODY_BYTES, readCappedText } from './readCappedText';
import { scrubSecrets } from './scrubSecrets';
import { type Acs3Credentials, signAcs3 } from './signAcs3';
import { sleep, untilAborted } from './untilAborted';
import { classifyVodError, VodApiError } from './VodApiError';

/** An AccessKey pair of a RAM user, or STS credentials (with `securityToken`). */
export type AcsCredentials = Acs3Credentials;

/**
 * Returns the credentials to sign the next attempt with; called before every attempt, so a
 * provider can hand out rotated STS tokens. Cache inside the provider: it is called often.
 */
export type AcsCredentialsProvider = () => AcsCredentials | Promise<AcsCredentials>;

/** The connection options every Alibaba Cloud RPC client of this package takes. */
export interface AcsClientOptions {
  /** Credentials, or an (async) provider of them. Alternative to the three fields below. */
  credentials?: AcsCredentials | AcsCredentialsProvider;
  accessKeyId?: string;
  accessKeySecret?: string;
  /** STS security token, with an STS AccessKey id and secret. */
  securityToken?: string;
  /** Region. Default `cn-shanghai`. */
  region?: string;
  /** Overrides the region's endpoint: an http(s) origin, e.g. the local emulator's URL. */
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

/** What one product's client tells the shared caller. */
export interface AcsProduct {
  /** The factory's name, for configuration errors, e.g. `createVodClient`. */
  factory: string;
  /** RAM product code, e.g. `vod`, `kms`: the host is `<code>.<region>.aliyuncs.com`. */
  code: string;
  /** API version, e.g. `2017-03-21`. */
  version: string;
  /** How error messages name the service, e.g. `an ApsaraVideo VOD API endpoint`. */
  serviceName: string;
  /** How its own errors are called when a proxy answers instead, e.g. `VOD's`. */
  owner: string;
}

/** One signed RPC call of an {@link AcsRpcCaller}. */
export interface AcsCall<T> {
  action: string;
  /** Query parameters, already RFC 3986 encoded and sorted: `A=1&B=2`. */
  query: string;
  /** Whether a 2xx JSON body is the action's answer (else `InvalidResponse`). */
  isAnswer: (body: Record<string, unknown>) => boolean;
  /** Rough size of a normal answer, for the message about an oversized body. */
  answerSize: string;
  signal?: AbortSignal;
  /** Extra hints by error kind. */
  hints?: Partial<Record<string, string>>;
  /** Marker type of the answer. */
  readonly _answer?: T;
}

/** Signs, sends, times out, retries and reads one product's RPC calls (V3 signature). */
export interface AcsRpcCaller {
  readonly endpoint: string;
  readonly region: string;
  /** Longest a call may take, every attempt and backoff wait included, ms. */
  readonly budgetMs: number;
  call<T>(request: AcsCall<T>): Promise<T>;
}

/** Default region of the clients. */
export const DEFAULT_VOD_REGION = 'cn-shanghai';
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

function toRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseRetryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  return value !== null && /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/**
 * The transport shared by `createVodClient` and `createKmsClient`: endpoint and credential
 * checks, signature V3 on every attempt (fresh date, nonce and credentials), a per-attempt
 * timeout that also covers the credentials provider and the body, capped bodies, retries with
 * backoff for retryable errors, and {@link VodApiError}s whose messages never hold a credential.
 *
 * @throws {@link VodApiError} `InvalidConfiguration` for missing credentials or a bad endpoint.
 */
export function createAcsRpcCaller(options: AcsClientOptions, product: AcsProduct): AcsRpcCaller {
  const configError = (message: string) =>
    new VodApiError('InvalidConfiguration', `${product.factory}: ${message}`);
  const region = options.region ?? DEFAULT_VOD_REGION;
  if (!REGION.test(region))
    throw configError(`region "${region.slice(0, 40)}" is not a region id like "cn-shanghai"`);
  const example = `https://${product.code}.cn-shanghai.aliyuncs.com`;
  let endpoint = `https://${product.code}.${region}.aliyuncs.com`;
  if (options.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(
        /^[a-z][a-z0-9+.-]*:\/\//i.test(options.endpoint)
          ? options.endpoint
          : `https://${options.endpoint}`,
      );
    } catch {
      throw configError(`endpoint is not a URL; pass an origin like "${example}"`);
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
        `endpoint must be an http(s) origin without path, query or user info, like "${example}"`,
      );
    }
    endpoint = url.origin;
  }
  const { credentials } = options;
  let getCredentials: AcsCredentialsProvider;
  if (typeof credentials === 'function') getCredentials = credentials;
  else {
    const fixed = credentials ?? {
      accessKeyId: options.accessKeyId ?? '',
      accessKeySecret: options.accessKeySecret ?? '',
      securityToken: options.securityToken,
    };
    if (!fixed.accessKeyId || !fixed.accessKeySecret) {
      throw configError(
        `no credentials: pass accessKeyId and accessKeySecret (or credentials), e.g. ${product.factory}(fromEnv()) with ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET set`,
      );
    }
    getCredentials = () => fixed;
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRetries = options.maxRetries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)))
    throw configError('timeoutMs must be a positive number');
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0))
    throw configError('maxRetries must be an integer >= 0');

  async function credentialsForAttempt(): Promise<AcsCredentials> {
    try {
      return await getCredentials();
    } catch (cause) {
      throw new VodApiError(
        'InvalidConfiguration',
        `The credentials provider given to ${product.factory} failed; see \`cause\``,
        { cause },
      );
    }
  }

  function readResponse<T>(
    request: AcsCall<T>,
    response: Response,
    text: string,
    creds: AcsCredentials,
  ): T {
    const { action } = request;
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
    // Copied into errors, logs and answers: only values of the gateway's own formats are kept.
    const rawId = str('RequestId');
    const requestId = isVodRequestId(rawId) ? rawId : undefined;
    const ok = status >= 200 && status <= 299;
    if (ok && body && request.isAnswer(body)) return body as T;
    const rawCode = str('Code');
    const code = isVodErrorCode(rawCode) ? rawCode : undefined;
    const shaped = code !== undefined || rawCode !== undefined || rawId !== undefined;
    const retryAfter = parseRetryAfter(response.headers);
    if (status >= 500 && (!body || !shaped)) {
      // A proxy's or load balancer's own error page: the service behind it is unavailable.
      throw new VodApiError(
        'ServiceUnavailable',
        `${action} answered HTTP ${status} with ${body ? 'JSON' : 'a body'} that is not ${product.owner} (a proxy or load balancer page?); retry later`,
        { status, retryAfter },
      );
    }
    if (!body || (ok && rawCode === undefined) || (!ok && !shaped)) {
      throw new VodApiError(
        'InvalidResponse',
        `${action} answered HTTP ${status} with ${body ? `JSON that is not a ${action} response` : 'a body that is not JSON'}; is the endpoint ${product.serviceName}?`,
        { status, requestId, retryAfter },
      );
    }
    const finalCode = code ?? `Http${status}`;
    // Upstream messages can echo what was signed (V2 gateways print the whole string to sign):
    // scrubSecrets cuts there and blanks any credential that still shows.
    const upstream = scrubSecrets(str('Message') ?? '', [
      creds.accessKeyId,
      creds.accessKeySecret,
      creds.securityToken,
    ]);
    const kind = classifyVodError(finalCode, status).kind;
    const hint =
      kind === 'configuration'
        ? `check the AccessKey pair (or STS token), the server clock, and that the RAM policy allows ${product.code}:${action}`
        : request.hints?.[kind];
    throw new VodApiError(
      finalCode,
      `${action} failed with ${finalCode} (HTTP ${status})${upstream ? `: ${upstream}` : ''}${hint ? `; ${hint}` : ''}${requestId ? ` [RequestId ${requestId}]` : ''}`,
      { status, requestId, retryAfter },
    );
  }

  async function attempt<T>(request: AcsCall<T>, url: string): Promise<T> {
    const { action, signal } = request;
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
            'x-acs-version': product.version,
            accept: 'application/json',
          },
        },
        creds,
      );
      const fetchImpl = options.fetch ?? globalThis.fetch;
      // A redirect would carry the security token elsewhere: never follow one.
      // Raced with the abort as well: a fetch that ignores its signal still times out.
      const response = await untilAborted(
        fetchImpl(url, { method: 'POST', headers, signal: controller.signal, redirect: 'manual' }),
        controller.signal,
      ).catch(fail);
      const text = await untilAborted(readCappedText(response), controller.signal).catch(
        (error: unknown) => {
          if (!(error instanceof BodyTooLargeError)) return fail(error);
          void response.body?.cancel().catch(() => undefined);
          throw new VodApiError(
            'InvalidResponse',
            `${action} answered HTTP ${response.status} with a body over ${MAX_UPSTREAM_BODY_BYTES} bytes (a ${action} answer is about ${request.answerSize}); is the endpoint ${product.serviceName}?`,
            { status: response.status },
          );
        },
      );
      return readResponse(request, response, text, creds);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  // Every attempt plus the longest backoff between two (3 s by default, 10 s at most).
  const budgetMs =
    timeoutMs * (maxRetries + 1) +
    maxRetries * (options.retryDelayMs ? MAX_RETRY_WAIT_MS : DEFAULT_MAX_DELAY_MS);

  return {
    endpoint,
    region,
    budgetMs,
    async call(request) {
      const url = `${endpoint}/?${request.query}`;
      for (let retry = 0; ; retry++) {
        try {
          return await attempt(request, url);
        } catch (error) {
          if (!(error instanceof VodApiError) || !error.retryable || retry >= maxRetries)
            throw error;
          const wait = Math.max(retryDelayMs(retry + 1), (error.retryAfter ?? 0) * 1000);
          if (wait > MAX_RETRY_WAIT_MS) throw error;
          await sleep(wait, request.signal);
        }
      }
    },
  };
}
