import type { GetVideoPlayAuthResponse, VodErrorBody } from '@playauth/core';
import type { VodClient } from './createVodClient';
import { createPlayAuthCoalescer, type PlayAuthCoalesceOptions } from './PlayAuthCoalescer';
import { isVodApiError, VodApiError } from './VodApiError';

/** Cross-origin access to the endpoint, for a frontend on another origin. */
export interface PlayAuthCorsOptions {
  /**
   * Allowed origins: `'*'` (any, only without `credentials`), one origin
   * (`'https://app.example.com'`), a list, or a predicate.
   */
  origin: string | string[] | ((origin: string) => boolean);
  /** Allow cookies / HTTP auth (`Access-Control-Allow-Credentials: true`). Default `false`. */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer. Default `600`. */
  maxAge?: number;
}

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

/** Options of {@link createPlayAuthHandler}. */
export interface CreatePlayAuthHandlerOptions {
  /** The VOD client, from `createVodClient`. */
  client: Pick<VodClient, 'getVideoPlayAuth'>;
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
}

/** A Web-standard request handler: `(request: Request) => Promise<Response>`. */
export type PlayAuthHandler = (request: Request) => Promise<Response>;

const VIDEO_ID = /^[\w-]{1,64}$/;
const SECONDS = /^\d{1,10}$/;
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;
const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

class HandlerResponse {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    readonly requestId?: string,
  ) {}
}

function configError(message: string): VodApiError {
  return new VodApiError('InvalidConfiguration', `createPlayAuthHandler: ${message}`);
}

function defaultOnError(_error: unknown, context: PlayAuthErrorContext): void {
  console.error(
    `[playauth] GetVideoPlayAuth ${context.code} -> HTTP ${context.status}${context.requestId ? ` RequestId=${context.requestId}` : ''}`,
  );
}

function internalError(): HandlerResponse {
  return new HandlerResponse(
    500,
    'InternalError',
    'The PlayAuth endpoint failed; the server log has details.',
  );
}

/** Maps a failure to the answer the browser gets; details stay in `onError`. */
function mapError(error: unknown): HandlerResponse {
  if (!isVodApiError(error)) return internalError();
  const id = error.requestId;
  switch (error.kind) {
    case 'notFound':
      return new HandlerResponse(
        404,
        'InvalidVideo.NotFound',
        'No video with this VideoId exists.',
        {},
        id,
      );
    case 'illegalStatus':
      return new HandlerResponse(
        403,
        error.code,
        'The video is not playable yet (uploading, transcoding, in review or blocked); try again later.',
        {},
        id,
      );
    case 'throttling':
      return new HandlerResponse(
        429,
        error.code,
        'Too many PlayAuth requests; retry after the Retry-After delay.',
        { 'Retry-After': `${error.retryAfter ?? 1}` },
        id,
      );
    case 'unavailable':
      return new HandlerResponse(
        503,
        'ServiceUnavailable',
        'The video service is unavailable; retry after the Retry-After delay.',
        { 'Retry-After': `${error.retryAfter ?? 3}` },
        id,
      );
    case 'timeout':
      return new HandlerResponse(
        504,
        'Timeout',
        'The video service did not answer in time; try again.',
        {},
        id,
      );
    default:
      return new HandlerResponse(
        502,
        'BadGateway',
        'The video service refused the request of this server; the server log has details.',
        {},
        id,
      );
  }
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
  const {
    client,
    authorize,
    coalesce = true,
    cors = false,
    onError = defaultOnError,
  } = options ?? {};
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
  const max = options.authInfoTimeout?.max ?? 3000;
  const fallback = options.authInfoTimeout?.default ?? 100;
  if (!Number.isInteger(max) || max < 100 || max > 3000)
    throw configError('authInfoTimeout.max must be an integer in 100..3000');
  if (!Number.isInteger(fallback) || fallback < 100 || fallback > max) {
    throw configError(
      'authInfoTimeout.default must be an integer between 100 and authInfoTimeout.max',
    );
  }
  if (cors && cors.origin === '*' && cors.credentials) {
    throw configError(
      "cors: origin '*' cannot be combined with credentials; list the allowed origins",
    );
  }
  const coalescer = createPlayAuthCoalescer(coalesce, options.now);

  function report(error: unknown, context: PlayAuthErrorContext): void {
    try {
      onError(error, context);
    } catch {
      // A failing logger must not turn into a failing endpoint.
    }
  }

  function originAllowed(origin: string): boolean {
    if (!cors) return false;
    const rule = cors.origin;
    try {
      if (typeof rule === 'function') return rule(origin) === true;
      return rule === '*' || (Array.isArray(rule) ? rule.includes(origin) : rule === origin);
    } catch {
      return false;
    }
  }

  function corsHeaders(request: Request): Record<string, string> {
    if (!cors) return {};
    const origin = request.headers.get('origin');
    const headers: Record<string, string> = cors.origin === '*' ? {} : { Vary: 'Origin' };
    if (origin === null || !originAllowed(origin)) return headers;
    headers['Access-Control-Allow-Origin'] = cors.origin === '*' ? '*' : origin;
    if (cors.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
    headers['Access-Control-Expose-Headers'] = 'Retry-After';
    return headers;
  }

  function preflight(request: Request): Response {
    const headers: Record<string, string> = { ...BASE_HEADERS, ...corsHeaders(request) };
    if (headers['Access-Control-Allow-Origin']) {
      const { 'Access-Control-Expose-Headers': _, ...rest } = headers;
      const asked = request.headers.get('access-control-request-headers');
      Object.assign(rest, {
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Max-Age': `${cors ? (cors.maxAge ?? 600) : 600}`,
        Vary: 'Origin, Access-Control-Request-Headers',
        ...(asked && HEADER_LIST.test(asked) ? { 'Access-Control-Allow-Headers': asked } : {}),
      });
      return new Response(null, { status: 204, headers: rest });
    }
    return new Response(null, { status: 204, headers });
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
        ...corsHeaders(request),
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
    return Math.min(max, Math.max(100, Number(value)));
  }

  /** One VOD call; its failure is reported here, once, however many requests share it. */
  function callVod(request: Request, videoId: string, authInfoTimeout: number) {
    const call = client.getVideoPlayAuth({ videoId, authInfoTimeout });
    call.catch((error: unknown) => {
      const answer = mapError(error);
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

  function playAuth(request: Request, videoId: string, authInfoTimeout: number) {
    const call = () => callVod(request, videoId, authInfoTimeout);
    if (coalescer) return coalescer.get(videoId, authInfoTimeout, call);
    return call().then((body) => ({ body, authInfoTimeout }));
  }

  return async function playAuthHandler(request: Request): Promise<Response> {
    let videoId: string | undefined;
    try {
      const method = request.method.toUpperCase();
      if (method === 'OPTIONS' && cors) return preflight(request);
      if (method !== 'GET' && method !== 'HEAD') {
        const allow = cors ? 'GET, HEAD, OPTIONS' : 'GET, HEAD';
        return fail(
          request,
          new HandlerResponse(
            405,
            'MethodNotAllowed',
            `Use GET ?VideoId=<id>&AuthInfoTimeout=<seconds>.`,
            { Allow: allow },
          ),
        );
      }
      const url = new URL(request.url);
      const ids = url.searchParams.getAll('VideoId');
      if (ids.length !== 1 || !VIDEO_ID.test(ids[0] ?? '')) {
        return fail(
          request,
          new HandlerResponse(
            400,
            'InvalidParameter',
            'Invalid VideoId: give it once, 1-64 characters of A-Z a-z 0-9 _ -.',
          ),
        );
      }
      videoId = ids[0] as string;
      const authInfoTimeout = parseTimeout(url);
      if (authInfoTimeout instanceof HandlerResponse) return fail(request, authInfoTimeout);
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
        result = await playAuth(request, videoId, authInfoTimeout);
      } catch (error) {
        return fail(request, mapError(error)); // reported once per call in callVod
      }
      const { body, authInfoTimeout: left } = result;
      return respond(request, 200, JSON.stringify({ ...body, AuthInfoTimeout: left }));
    } catch (error) {
      // authorize() threw, or a bug: a generic 500, the error itself only to onError.
      report(error, { request, videoId, status: 500, code: 'InternalError' });
      return fail(request, internalError());
    }
  };
}
