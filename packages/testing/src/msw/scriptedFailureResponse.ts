import type { VodRefusal } from '@playauth/vod-model';
import { HttpResponse } from 'msw';
import { failureRefusal, type VodFailures } from '../vod/failureRefusal';

/**
 * The answer of a scripted failure for this request, or `undefined` when none is scripted (the
 * handler goes on): a network error for `'network'`, else the handler's own VOD error body.
 */
export function scriptedFailureResponse<Info extends { videoId: string }>(
  failures: VodFailures<Info> | undefined,
  info: Info,
  vodError: (refusal: VodRefusal) => Response,
): Response | undefined {
  const failure = typeof failures === 'function' ? failures(info) : failures?.[info.videoId];
  if (failure === undefined) return undefined;
  return failure === 'network' ? HttpResponse.error() : vodError(failureRefusal(failure));
}
