import {
  clampAuthInfoTimeout,
  type GetVideoPlayAuthResponse,
  isValidVideoId,
  MAX_AUTH_INFO_TIMEOUT,
  MIN_AUTH_INFO_TIMEOUT,
  type VodErrorBody,
} from '@playauth/core';
import { answerWithinDeadline } from './answerWithinDeadline';
import { clientAddress } from './clientAddress';
import { createCors, type PlayAuthCorsOptions } from './createCors';
import type { VodClient } from './createVodClient';
import {
  checkHlsUriTokenSecret,
  type HlsUriTokenSecret,
  importHlsUriTokenKeys,
} from './hlsUriTokenKeys';
import { isVodErrorCode, isVodRequestId } from './isVodRequestId';
import { HandlerResponse, mapVodError, publicBody, retryAfter } from './mapVodError';
import { mintHlsUriToken } from './mintHlsUriToken';
import { createPlayAuthCoalescer, type PlayAuthCoalesceOptions } from './PlayAuthCoalescer';
import type { PlayAuthRateLimitOptions } from './PlayAuthRateLimiter';
import { memoryStore, type PlayAuthStore } from './PlayAuthStore';
import { oneLine } from './scrubSecrets';
import { isVodApiError, VodApiError } from './VodApiError';

export type { PlayAuthCorsOptions } from './createCors';

/** What {@link CreatePlayAuthHandlerOptions.onError} is told besides the error itself. */
export interface PlayAuthErrorContext {
  /** The request that triggered the call (for a coalesced call, the first of them). */
  request: Request;
  videoId?: string;
  authInfoTimeout?: number;
  /** HTTP status the handler answers with. */
  status: number;
  /** The error's code: VOD's `Code` (e.g. `SignatureDoesNotMatch`) or `InternalError`. */
  code: string;
  /** VOD `RequestId` of the failed call, when there was one. */
  requestId?: string;
}

/** HLS standard encryption on the PlayAuth endpoint: the token service (see `hlsEncryption`). */
export interface PlayAuthHlsEncryptionOptions {
  /**
   * The token secret, shared with `createHlsDecryptHandler`: at least 32 characters, or a list
   * for rotation (the first signs, all verify). From your secret store, never the browser.
   */
  secret: HlsUriTokenSecret;
  /**
   * The viewer the token is bound to (a user or session id), or `undefined` for none. The
   * decryption service must then compute the same id from the key request (its `viewer`
   * option), so a token copied to another browser does not open the key. Default: no binding.
   */
  viewer?: (request: Request, videoId: string) => string | undefined | Promise<string | undefined>;
  /**
   * Longest token validity, seconds. Default: the PlayAuth's (the `AuthInfoTimeout` of the
   * answer), so the credential's `expiresAt` covers both and the token renews with the PlayAuth.
   */
  maxTtlSeconds?: number;
}

/** Options of {@link createPlayAuthHandler}. */
export interface CreatePlayAuthHandlerOptions {
  /** The VOD client, from `createVodClient`. */
  client: Pick<VodClient, 'getVideoPlayAuth'> & Partial<Pick<VodClient, 'budgetMs'>>;
  /**
   * Required. Whether this request may get a PlayAuth for `videoId`, decided before VOD is
   * called (check the session, the user's entitlement to the video...). Anything but `true`
   * answers 403 `Forbidden.NotAuthorized`. To let everyone watch everything, say so:
   * `authorize: () => true`.
   */
  authorize: (request: Request, videoId: string) => boolean | Promise<boolean>;
  /**
   * PlayAuth validity in seconds. `default` (100) when the request has no `AuthInfoTimeout`;
   * requested values are clamped to 100..`max` (`max` default 3000, VOD's own limit).
   */
  authInfoTimeout?: { default?: number; max?: number };
  /**
   * Share VOD calls between requests for the same `VideoId` and validity. Default `true`.
   *
   * - Requests that arrive while a call is in flight wait for it and get its answer.
   * - For a short window after a successful call was sent (`reuseMs`, default
   *   min(10 s, 10% of the validity)) its answer is handed to later requests too, with
   *   `AuthInfoTimeout` set to the whole seconds the PlayAuth has *left*, counted from when the
   *   VOD request was sent. The browser computes `expiresAt` from that number, so its expiry
   *   still errs early. An answer with less than 90% of its validity left is never reused.
   * - Failures are never kept; `authorize` still runs for every request before any of this.
   *
   * Why sharing is safe: a PlayAuth is not bound to a viewer (VOD's `GetVideoPlayAuth` takes
   * no user, session or IP, only the VideoId and the validity); whoever holds it may play that
   * video until it expires. Sharing calls in flight already hands one PlayAuth to many
   * viewers; reuse only widens that to a few seconds, and only requests that passed
   * `authorize` receive it. What it buys: a popular video costs one call per window instead of
   * one per request against the account's 360 calls/s `GetVideoPlayAuth` limit.
   *
   * Turn reuse off with `{ reuseMs: 0 }` (calls in flight are still shared), or all sharing with
   * `false` (one VOD call per request, e.g. to have one `RequestId` per viewer in VOD's logs).
   */
  coalesce?: boolean | PlayAuthCoalesceOptions;
  /**
   * Where calls in flight and reusable answers are shared. Default: this process's memory, tuned
   * by `coalesce`. For several instances, `createRedisPlayAuthStore` from
   * `@playauth/server/redis` shares them across the fleet (set its reuse window there).
   */
  store?: PlayAuthStore;
  /**
   * Per-viewer limit, checked after the input and before `authorize` and VOD: over it the
   * answer is 429 `Throttling.User` with `Retry-After`, and VOD is not called. Default off.
   */
  rateLimit?: PlayAuthRateLimitOptions;
  /**
   * Longest time to answer a request, ms, whatever hangs (`authorize`, the credentials provider,
   * VOD, the store): past it the answer is 504 `Timeout`, and a VOD call this old is no longer
   * shared. Default: the client's `budgetMs` (every attempt and backoff) plus 3 s; 30 s when the
   * client does not say.
   */
  deadlineMs?: number;
  /** Clock for the reuse window, epoch milliseconds. Default `Date.now`; tests inject their own. */
  now?: () => number;
  /** CORS for a frontend on another origin. Default `false` (same origin only). */
  cors?: PlayAuthCorsOptions | false;
  /**
   * Called for failed VOD calls (once per call, also when coalesced) and internal errors, with the
   * full error. Default: logs the code, HTTP status and RequestId with `console.error`, nothing
   * else. If you log the error yourself, mind that `cause` may hold network details.
   */
  onError?: (error: unknown, context: PlayAuthErrorContext) => void;
  /**
   * HLS standard encryption: every successful answer also carries `MtsHlsUriToken`, a token
   * for this video (and viewer, with `viewer`), signed with `secret` and valid as long as the
   * PlayAuth (or `maxTtlSeconds`). The player passes it as `playConfig: { MtsHlsUriToken }`, VOD
   * appends it to the play URL, the CDN to the playlist's key URI, and `createHlsDecryptHandler`
   * checks it before it asks KMS for the key. Minted per request, after `authorize`, never
   * shared between requests (unlike the PlayAuth). Default: no token.
   */
  hlsEncryption?: PlayAuthHlsEncryptionOptions;
}

/** A Web-standard request handler: `(request: Request) => Promise<Response>`. */
export type PlayAuthHandler = (request: Request) => Promise<Response>;

const SECONDS = /^\d{1,10}$/;
const DEADLINE_MARGIN_MS = 3000;
const FALLBACK_DEADLINE_MS = 30_000;
const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function configError(message: string): VodApiError {
  return new VodApiError('InvalidConfiguration', `createPlayAuthHandler: ${message}`);
}

function defaultOnError(_error: unknown, context: PlayAuthErrorContext): void {
  // Only values of VOD's own formats, on one line: upstream text cannot forge log lines.
  const code = isVodErrorCode(context.code) ? context.code : 'UnknownError';
  const id = isVodRequestId(context.requestId) ? ` RequestId=${context.requestId}` : '';
  console.error(oneLine(`[playauth] GetVideoPlayAuth ${code} -> HTTP ${context.status}${id}`));
}

/**
 * Creates the PlayAuth endpoint the browser calls: `GET ?VideoId=<id>&AuthInfoTimeout=<s>`
 * answered with the `GetVideoPlayAuth` body (plus `AuthInfoTimeout`, the validity used), or a
 * VOD-shaped error `{ Code, Message, RequestId }`. Web-standard: use it as a Next.js / Hono /
 * Deno / Bun / worker route handler, or with `toNodeHandler` for node:http, Express and Connect.
 *
 * In order: `OPTIONS` is a CORS preflight when `cors` is set; other methods than GET/HEAD get 405
 * with `Allow`; a malformed `VideoId` or a non-integer `AuthInfoTimeout` gets 400
 * `InvalidParameter` naming it; `authorize` refusing gets 403 `Forbidden.NotAuthorized`; only
 * then is VOD called. VOD errors map to 404 (`InvalidVideo.NotFound`), 403 (`Forbidden.IllegalStatus`),
 * 429 and 503 with `Retry-After` (after the client's retries), 504 (timeout) and 502 with a
 * generic message for configuration errors (signature, AccessKey, RAM: details go to `onError`).
 * Every answer carries `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`, and never
 * an AccessKey, secret, security token or signature.
 *
 * Requests for the same video and validity share VOD calls (`coalesce`, on by default): calls in
 * flight, and for a few seconds afterwards the answer itself, with `AuthInfoTimeout` lowered to
 * the validity left. `coalesce: { reuseMs: 0 }` keeps only the first, `coalesce: false` neither.
 *
 * @param options - The VOD client, the `authorize` check (required), validity bounds,
 *   coalescing, CORS and error reporting.
 * @throws {@link VodApiError} `InvalidConfiguration` for a missing client or `authorize`, or bad bounds.
 * @example
 * ```ts
 * // app/api/play-auth/route.ts (Next.js)
 * import { createPlayAuthHandler, createVodClient, fromEnv } from '@playauth/server';
 *
 * export const GET = createPlayAuthHandler({
 *   client: createVodClient(fromEnv()),
 *   authorize: async (request, videoId) => (await getUser(request))?.canWatch(videoId) ?? false,
 * });
 * ```
 */
export function createPlayAuthHandler(options: CreatePlayAuthHandlerOptions): PlayAuthHandler {
  const { client, authorize, coalesce = true, onError = defaultOnError, rateLimit } = options ?? {};
  if (typeof client?.getVideoPlayAuth !== 'function') {
    throw configError(
      '`client` is required: createPlayAuthHandler({ client: createVodClient(fromEnv()), authorize })',
    );
  }
  if (typeof authorize !== 'function') {
    throw configError(
      '`authorize(request, videoId)` is required: without it the endpoint would mint PlayAuths for every video of the account for anyone. Check the user here; to allow everyone explicitly, write `authorize: () => true`.',
    );
  }
  const max = options.authInfoTimeout?.max ?? MAX_AUTH_INFO_TIMEOUT;
  const fallback = options.authInfoTimeout?.default ?? MIN_AUTH_INFO_TIMEOUT;
  if (!Number.isInteger(max) || max < MIN_AUTH_INFO_TIMEOUT || max > MAX_AUTH_INFO_TIMEOUT)
    throw configError('authInfoTimeout.max must be an integer in 100..3000');
  if (!Number.isInteger(fallback) || fallback < MIN_AUTH_INFO_TIMEOUT || fallback > max) {
    throw configError(
      'authInfoTimeout.default must be an integer between 100 and authInfoTimeout.max',
    );
  }
  const deadlineMs =
    options.deadlineMs ??
    (client.budgetMs ? client.budgetMs + DEADLINE_MARGIN_MS : FALLBACK_DEADLINE_MS);
  if (!(Number.isFinite(deadlineMs) && deadlineMs > 0))
    throw configError('deadlineMs must be a positive number of milliseconds');
  if (rateLimit !== undefined && typeof rateLimit?.limiter?.consume !== 'function') {
    throw configError(
      'rateLimit.limiter must have consume(key), e.g. createMemoryRateLimiter() from @playauth/server/rate-limit',
    );
  }
  if (options.store !== undefined && typeof options.store?.share !== 'function')
    throw configError('store must have share(request), e.g. createRedisPlayAuthStore({ redis })');
  if (options.store && coalesce !== true) {
    throw configError(
      'store shares calls itself: leave coalesce out and set the reuse window on the store (or drop store; coalesce: false turns sharing off)',
    );
  }
  const hls = options.hlsEncryption;
  const hlsSecrets = hls ? checkHlsUriTokenSecret(hls.secret, 'createPlayAuthHandler') : undefined;
  if (
    hls?.maxTtlSeconds !== undefined &&
    !(Number.isInteger(hls.maxTtlSeconds) && hls.maxTtlSeconds >= 1)
  ) {
    throw configError('hlsEncryption.maxTtlSeconds must be a whole number of seconds >= 1');
  }
  if (hls?.viewer !== undefined && typeof hls.viewer !== 'function')
    throw configError(
      'hlsEncryption.viewer must be a function (request, videoId) => string | undefined',
    );
  let hlsKeys: ReturnType<typeof importHlsUriTokenKeys> | undefined;
  const now = options.now ?? Date.now;
  const coalescer = createPlayAuthCoalescer(coalesce, options.now);
  const store: PlayAuthStore | undefined =
    options.store ?? (coalescer ? memoryStore(coalescer) : undefined);
  const cors = createCors(options.cors);
  const rateKey =
    rateLimit?.key ??
    ((request: Request) =>
      clientAddress(request, { trustedProxies: rateLimit?.trustedProxies }) ?? 'unknown');

  function report(error: unknown, context: PlayAuthErrorContext): void {
    try {
      onError(error, context);
    } catch {
      // A failing logger must not turn into a failing endpoint.
    }
  }

  function respond(
    request: Request,
    status: number,
    body: string,
    extra: Record<string, string> = {},
  ) {
    return new Response(request.method.toUpperCase() === 'HEAD' ? null : body, {
      status,
      headers: {
        ...BASE_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        ...cors?.headers(request),
        ...extra,
      },
    });
  }

  function fail(request: Request, answer: HandlerResponse): Response {
    const body: VodErrorBody = {
      Code: answer.code,
      Message: answer.message,
      RequestId: answer.requestId ?? crypto.randomUUID(),
    };
    return respond(request, answer.status, JSON.stringify(body), answer.headers);
  }

  function parseTimeout(url: URL): number | HandlerResponse {
    const values = url.searchParams.getAll('AuthInfoTimeout');
    if (values.length === 0) return fallback;
    const [value] = values;
    if (values.length > 1 || value === undefined || !SECONDS.test(value)) {
      return new HandlerResponse(
        400,
        'InvalidParameter',
        `Invalid AuthInfoTimeout: give it once, as a whole number of seconds (100..${max}).`,
      );
    }
    // Core's rule (whole seconds, clamped to VOD's 100..3000), then this endpoint's own max.
    return Math.min(max, clampAuthInfoTimeout(value));
  }

  /** One VOD call; its failure is reported here, once, however many requests share it. */
  function callVod(
    request: Request,
    videoId: string,
    authInfoTimeout: number,
    signal: AbortSignal,
  ) {
    const call = client.getVideoPlayAuth({ videoId, authInfoTimeout }, { signal });
    call.catch((error: unknown) => {
      if (signal.aborted) return; // Nobody waits for it any more: not a VOD failure.
      const answer = mapVodError(error);
      const code = isVodApiError(error) ? error.code : answer.code;
      report(error, {
        request,
        videoId,
        authInfoTimeout,
        status: answer.status,
        code,
        requestId: answer.requestId,
      });
    });
    return call;
  }

  function playAuth(
    request: Request,
    videoId: string,
    authInfoTimeout: number,
    signal: AbortSignal,
  ) {
    const call = (callSignal: AbortSignal) =>
      callVod(request, videoId, authInfoTimeout, callSignal);
    if (store)
      return store.share({ videoId, authInfoTimeout, signal, maxCallMs: deadlineMs, call });
    return call(signal).then((body) => ({ body, authInfoTimeout }));
  }

  /** The rate limit's verdict; a failing limiter lets the request through (and is reported). */
  async function throttled(request: Request): Promise<HandlerResponse | undefined> {
    if (!rateLimit) return undefined;
    let verdict: Awaited<ReturnType<typeof rateLimit.limiter.consume>>;
    try {
      verdict = await rateLimit.limiter.consume(await rateKey(request));
    } catch (error) {
      report(error, { request, status: 200, code: 'RateLimiterError' });
      return undefined;
    }
    if (verdict.allowed) return undefined;
    return new HandlerResponse(
      429,
      'Throttling.User',
      'Too many PlayAuth requests from you; retry after the Retry-After delay.',
      { 'Retry-After': retryAfter(verdict.retryAfterMs / 1000, 1) },
    );
  }

  async function handle(
    request: Request,
    signal: AbortSignal,
    seen: { videoId?: string },
  ): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS' && cors) {
      return new Response(null, {
        status: 204,
        headers: { ...BASE_HEADERS, ...cors.preflight(request) },
      });
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return fail(
        request,
        new HandlerResponse(
          405,
          'MethodNotAllowed',
          `Use GET ?VideoId=<id>&AuthInfoTimeout=<seconds>.`,
          { Allow: cors ? cors.allow : 'GET, HEAD' },
        ),
      );
    }
    const url = new URL(request.url);
    const ids = url.searchParams.getAll('VideoId');
    const [videoId] = ids;
    if (ids.length !== 1 || !isValidVideoId(videoId)) {
      return fail(
        request,
        new HandlerResponse(
          400,
          'InvalidParameter',
          'Invalid VideoId: give it once, 1-64 characters of A-Z a-z 0-9 _ -.',
        ),
      );
    }
    seen.videoId = videoId;
    const authInfoTimeout = parseTimeout(url);
    if (authInfoTimeout instanceof HandlerResponse) return fail(request, authInfoTimeout);
    // A HEAD answer has no body: minting a PlayAuth for it would only throw one away.
    if (method === 'HEAD') return respond(request, 200, '');
    const limited = await throttled(request);
    if (limited) return fail(request, limited);
    if ((await authorize(request, videoId)) !== true) {
      return fail(
        request,
        new HandlerResponse(
          403,
          'Forbidden.NotAuthorized',
          'You are not allowed to watch this video.',
        ),
      );
    }
    let result: { body: GetVideoPlayAuthResponse; authInfoTimeout: number };
    try {
      result = await playAuth(request, videoId, authInfoTimeout, signal);
    } catch (error) {
      if (signal.aborted) throw error; // The deadline or the client: answered below.
      return fail(request, mapVodError(error)); // reported once per call in callVod
    }
    const answer: Record<string, unknown> = publicBody(result.body, result.authInfoTimeout);
    if (hls && hlsSecrets) {
      // Per request, after authorize: bound to this viewer, never shared like the PlayAuth is.
      hlsKeys ??= importHlsUriTokenKeys(hlsSecrets);
      const seconds = Math.min(
        result.authInfoTimeout,
        hls.maxTtlSeconds ?? Number.POSITIVE_INFINITY,
      );
      answer.MtsHlsUriToken = await mintHlsUriToken(await hlsKeys, {
        videoId,
        expiresAt: now() + seconds * 1000,
        viewer: await hls.viewer?.(request, videoId),
      });
    }
    return respond(request, 200, JSON.stringify(answer));
  }

  return function playAuthHandler(request: Request): Promise<Response> {
    return answerWithinDeadline(
      request,
      deadlineMs,
      (signal, seen) => handle(request, signal, seen),
      {
        service: 'The PlayAuth endpoint',
        report,
        fail,
      },
    );
  };
}
