import { type VodRefusal, vodRefusal } from '@playauth/vod-model';

/**
 * A scripted failure: a named VOD error, a network error, or any status and `Code`.
 * - `notFound`: 404 `InvalidVideo.NotFound`
 * - `notReady`: 403 `Forbidden.IllegalStatus`
 * - `throttled`: 429 `Throttling.User`
 * - `serverError`: 503 `ServiceUnavailable`
 * - `network`: the request fails (`HttpResponse.error()`, a `TypeError` in `fetch`)
 */
export type VodFailure =
  | 'notFound'
  | 'notReady'
  | 'throttled'
  | 'serverError'
  | 'network'
  | { status: number; code: string; message?: string };

const NAMED_FAILURES = {
  notFound: 'InvalidVideo.NotFound',
  notReady: 'Forbidden.IllegalStatus',
  throttled: 'Throttling.User',
  serverError: 'ServiceUnavailable',
} as const;

/** The refusal a scripted failure stands for (not for `'network'`). */
export function failureRefusal(failure: Exclude<VodFailure, 'network'>): VodRefusal {
  if (typeof failure === 'string') return vodRefusal(NAMED_FAILURES[failure]);
  return { status: failure.status, code: failure.code, message: failure.message ?? failure.code };
}

/** Scripted failures: by video id, or a function of the request (return `undefined` to succeed). */
export type VodFailures<Info> =
  | Record<string, VodFailure>
  | ((info: Info) => VodFailure | undefined);
