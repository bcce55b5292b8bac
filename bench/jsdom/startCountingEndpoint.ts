import { type FakeVideoCatalog, playAuthHandlers } from '@playauth/testing/msw';
import { setupServer } from 'msw/node';

/** A credential endpoint (msw, in-process) that counts what it answers. */
export interface CountingEndpoint {
  /** Absolute URL of the endpoint. */
  endpoint: string;
  /** Requests answered so far (each one is one upstream GetVideoPlayAuth for a real handler). */
  count(): number;
  /** Requests per VideoId. */
  countByVideo(): Record<string, number>;
  /** Times (Date.now(), so the fake clock's) of the requests. */
  times(): number[];
  reset(): void;
  close(): void;
}

/**
 * `playAuthHandlers` from @playauth/testing served by msw in this process: PlayAuths are minted
 * with the (possibly fake) clock of the page, so expiry stays consistent under fake timers.
 */
export function startCountingEndpoint(videos?: FakeVideoCatalog): CountingEndpoint {
  const endpoint = new URL('/api/play-auth', globalThis.location?.href ?? 'http://localhost/').href;
  // Numbers and a map keyed by id only: the benchmark's own bookkeeping must not grow the heap
  // it measures (a kept videoId would pin the whole request URL it was sliced from).
  let times: number[] = [];
  let byVideo = new Map<string, number>();
  const server = setupServer(
    ...playAuthHandlers({
      endpoint,
      videos,
      onRequest: ({ videoId }) => {
        times.push(Date.now());
        byVideo.set(videoId, (byVideo.get(videoId) ?? 0) + 1);
      },
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  return {
    endpoint,
    count: () => times.length,
    countByVideo: () => Object.fromEntries(byVideo),
    times: () => [...times],
    reset: () => {
      times = [];
      byVideo = new Map();
    },
    close: () => server.close(),
  };
}
