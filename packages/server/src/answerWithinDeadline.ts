import { HandlerResponse, internalError } from './mapVodError';
import { untilAborted } from './untilAborted';
import { VodApiError } from './VodApiError';

/** What a handler learned about a request before it failed (for its error report). */
export interface SeenRequest {
  videoId?: string;
}

/** How a handler names itself, reports and answers, for {@link answerWithinDeadline}. */
export interface DeadlineAnswers {
  /** Subject of the messages, e.g. `The PlayAuth endpoint`. */
  service: string;
  report: (
    error: unknown,
    context: { request: Request; videoId?: string; status: number; code: string },
  ) => void;
  fail: (request: Request, answer: HandlerResponse) => Response;
}

/**
 * Runs a Web handler's work for `request` so that it answers within `deadlineMs`, whatever hangs
 * (hooks, credentials, upstream calls, stores): the work gets a signal that aborts when the
 * client goes away or the deadline passes. Past it the answer is 504 `Timeout` (the deadline
 * reported); a throw from the work (a hook, a bug) is a generic 500 `InternalError`, the error
 * itself only reported. Shared by the PlayAuth and HLS key endpoints.
 */
export async function answerWithinDeadline(
  request: Request,
  deadlineMs: number,
  work: (signal: AbortSignal, seen: SeenRequest) => Promise<Response>,
  { service, report, fail }: DeadlineAnswers,
): Promise<Response> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(new VodApiError('Timeout', `no answer within deadlineMs (${deadlineMs} ms)`)),
    deadlineMs,
  );
  const signal = AbortSignal.any([request.signal, deadline.signal]);
  const seen: SeenRequest = {};
  try {
    return await untilAborted(work(signal, seen), signal);
  } catch (error) {
    const { videoId } = seen;
    if (signal.aborted) {
      // When the client went away this answer goes nowhere, but the work for it has been let go.
      if (deadline.signal.aborted) {
        report(deadline.signal.reason, { request, videoId, status: 504, code: 'Timeout' });
      }
      return fail(
        request,
        new HandlerResponse(504, 'Timeout', `${service} did not answer in time; try again.`),
      );
    }
    report(error, { request, videoId, status: 500, code: 'InternalError' });
    return fail(request, internalError(service));
  } finally {
    clearTimeout(timer);
  }
}
