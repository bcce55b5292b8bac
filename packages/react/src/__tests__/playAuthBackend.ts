import type { GetVideoPlayAuthResponse, PlayAuthCredential } from '@playauth/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

/** Absolute (msw/node needs it) and on 127.0.0.1: nothing listens on port 9, msw answers. */
export const ENDPOINT = 'http://127.0.0.1:9/api/play-auth';

/** A verbatim `GetVideoPlayAuth` body for `videoId`; `n` makes each PlayAuth distinct. */
export const playAuthBody = (videoId: string, n = 1): GetVideoPlayAuthResponse => ({
  RequestId: `req-${videoId}-${n}`,
  PlayAuth: `auth-${videoId}-${n}`,
  VideoMeta: {
    VideoId: videoId,
    Title: `Title ${videoId}`,
    Duration: 12.5,
    CoverURL: `https://cdn.example.com/${videoId}.jpg`,
    Status: 'Normal',
  },
});

/** A credential as `fetchPlayAuth` would return it, valid `seconds` from `issuedAt`. */
export const credentialFor = (
  videoId: string,
  seconds = 100,
  issuedAt = Date.now(),
  n = 1,
): PlayAuthCredential => ({
  videoId,
  playAuth: `auth-${videoId}-${n}`,
  requestId: `req-${videoId}-${n}`,
  videoMeta: { videoId, title: `Title ${videoId}`, duration: 12.5, status: 'Normal' },
  issuedAt,
  expiresAt: issuedAt + seconds * 1000,
});

/**
 * What the backend does for one request: a body (200), an error (status + VOD body), a refused
 * connection (`network`), or no answer until the request is aborted (`hang`).
 */
export type Reply =
  | { ok: true; delayMs?: number }
  | { status: number; code: string }
  | { network: true }
  | { hang: true };

/**
 * An msw/node server standing in for a playauth backend. Every request is recorded; `reply`
 * decides each answer (default: a valid body for the requested VideoId).
 */
export function createPlayAuthBackend() {
  const requests: Request[] = [];
  let reply: (request: Request, index: number) => Reply = () => ({ ok: true });
  const server = setupServer(
    http.get(ENDPOINT, async ({ request }) => {
      const index = requests.push(request) - 1;
      const videoId = new URL(request.url).searchParams.get('VideoId') ?? '';
      const answer = reply(request, index);
      if ('hang' in answer) {
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
        return HttpResponse.error();
      }
      if ('network' in answer) return HttpResponse.error();
      if ('status' in answer) {
        return HttpResponse.json(
          { Code: answer.code, Message: 'test failure', RequestId: `err-${index}` },
          { status: answer.status },
        );
      }
      if ('delayMs' in answer && answer.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      }
      return HttpResponse.json(playAuthBody(videoId, index + 1));
    }),
  );
  return {
    server,
    requests,
    /** Requests so far for `videoId` (all when omitted). */
    count: (videoId?: string) =>
      requests.filter(
        (r) => videoId === undefined || new URL(r.url).searchParams.get('VideoId') === videoId,
      ).length,
    setReply(next: typeof reply) {
      reply = next;
    },
    reset() {
      requests.length = 0;
      reply = () => ({ ok: true });
    },
  };
}
