import { clampAuthInfoTimeout } from './clampAuthInfoTimeout';
import { errorReference } from './errorReference';
import type { PlayAuthCredential } from './PlayAuthCredential';
import { PlayAuthError } from './PlayAuthError';
import { parsePlayAuthResponse } from './parsePlayAuthResponse';
import { assertValidVideoId } from './videoId';

/** Options of {@link fetchPlayAuth}. */
export interface FetchPlayAuthOptions {
  /**
   * URL of the backend endpoint that returns the `GetVideoPlayAuth` body. May be relative in a
   * browser (resolved against `location.href`) and may carry a query of its own; `VideoId` and
   * `AuthInfoTimeout` are set on it (replacing any already there). Outside a browser it must be
   * absolute, or relative with `origin` set.
   */
  endpoint: string;
  /**
   * Where a relative `endpoint` points when there is no `location` (server rendering, route
   * loaders, tests in Node), e.g. `'https://example.com'` or `'http://127.0.0.1:3000'`. Browsers
   * ignore it and resolve against the page. Only the request uses it: a query key built from a
   * relative `endpoint` stays the same on server and client. Default: none.
   */
  origin?: string;
  /** The VOD VideoId: 1 to 64 characters of `A-Z a-z 0-9 _ -`. */
  videoId: string;
  /** Requested validity in seconds, clamped to 100..3000. Default 100. */
  authInfoTimeout?: number;
  /** The `fetch` to use. Default: `globalThis.fetch` at call time. */
  fetch?: typeof globalThis.fetch;
  /**
   * Extra request headers (e.g. `Authorization`), or a (possibly async) function returning them,
   * called once per request; its errors propagate unchanged. `Accept` is always `application/json`.
   */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** `RequestInit.credentials`, e.g. `'include'` for a cookie-authenticated cross-origin endpoint. */
  credentials?: RequestCredentials;
  /** Aborts the request; the promise then rejects with `signal.reason` unchanged. */
  signal?: AbortSignal;
  /**
   * Milliseconds to wait for the whole response (headers and body) before failing with the
   * retryable code `Timeout`. Default 10 000; `0` or `Infinity` disables it.
   */
  timeoutMs?: number;
}

/**
 * Asks a playauth backend for a PlayAuth: `GET <endpoint>?VideoId=<id>&AuthInfoTimeout=<s>` with
 * `Accept: application/json`, then validates the body with {@link parsePlayAuthResponse}.
 * `issuedAt` is taken just before sending, so `expiresAt` errs early, never late.
 *
 * @throws {@link PlayAuthError}:
 * - `InvalidParameter`: malformed VideoId or endpoint (nothing is sent);
 * - the VOD `Code` of a non-2xx error body (e.g. `InvalidVideo.NotFound`,
 *   `Forbidden.IllegalStatus`), else `Http<status>`, with `status`, `requestId` and `retryable`
 *   (429, 5xx, throttling, ...; see {@link isRetryableVodError});
 * - `NetworkError` (retryable) when the request could not be made;
 * - `Timeout` (retryable) after `timeoutMs`;
 * - `InvalidResponse` / `VideoIdMismatch` for a 2xx body that is not a valid PlayAuth for `videoId`.
 *
 * An abort through `signal` rejects with `signal.reason` as is (an `AbortError` by default), so
 * callers such as TanStack Query see a cancellation, not a failure.
 * @example
 * ```ts
 * const credential = await fetchPlayAuth({
 *   endpoint: '/api/play-auth',
 *   videoId: 'a1b2c3d4e5f6',
 *   authInfoTimeout: 600,
 *   headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
 * });
 * player.replayByVidAndPlayAuth(credential.videoId, credential.playAuth);
 * ```
 */
export async function fetchPlayAuth(options: FetchPlayAuthOptions): Promise<PlayAuthCredential> {
  const { endpoint, videoId, signal, timeoutMs = 10_000, headers: init } = options;
  assertValidVideoId(videoId);
  const authInfoTimeout = clampAuthInfoTimeout(options.authInfoTimeout);
  let url: URL;
  try {
    // `location` only exists in browsers; elsewhere a relative endpoint needs `origin`.
    url = new URL(endpoint, globalThis.location?.href ?? options.origin);
  } catch {
    throw new PlayAuthError(
      'InvalidParameter',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `Not a URL: ${endpoint} (origin?)`
        : errorReference('InvalidParameter', endpoint),
    );
  }
  url.searchParams.set('VideoId', videoId);
  url.searchParams.set('AuthInfoTimeout', `${authInfoTimeout}`);
  const headers = new Headers(typeof init === 'function' ? await init() : init);
  headers.set('accept', 'application/json');
  signal?.throwIfAborted();

  // One controller for the timeout and the caller's signal. A forwarding listener, removed when
  // done, rather than AbortSignal.any: that one leaks with long-lived input signals in several
  // runtimes (nodejs/node#55351, denoland/deno#24842) and is missing in older ones.
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timeoutId = timeoutMs > 0 && timeoutMs < 2 ** 31 ? setTimeout(abort, timeoutMs) : undefined;
  signal?.addEventListener('abort', abort);
  // Settles even when an injected fetch ignores its signal. Raced at once, so never unhandled;
  // the controller cannot abort after the `finally` below.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.onabort = reject;
  });
  const race = <T>(promise: Promise<T>) => Promise.race([promise, aborted]);
  const issuedAt = Date.now();
  let response: Response;
  let body: unknown;
  try {
    response = await race(
      // Called unbound on purpose: `window.fetch` throws when `this` is another object. The
      // global is read at call time, so a polyfill or mock installed later is used.
      (options.fetch ?? fetch)(url.href, {
        headers,
        credentials: options.credentials,
        signal: controller.signal,
      }),
    );
    const text = await race(response.text());
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (`undefined` then): an HTML error page, a proxy message, an SPA fallback page.
    }
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    const timedOut = controller.signal.aborted;
    throw new PlayAuthError(
      timedOut ? 'Timeout' : 'NetworkError',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `${timedOut ? `No answer in ${timeoutMs} ms` : 'Unreachable (URL? CORS?)'}: ${endpoint}`
        : errorReference(timedOut ? 'Timeout' : 'NetworkError', endpoint),
      { retryable: true, cause },
    );
  } finally {
    clearTimeout(timeoutId);
    signal?.removeEventListener('abort', abort);
  }

  return parsePlayAuthResponse(body, { videoId, authInfoTimeout, issuedAt }, response.status);
}
