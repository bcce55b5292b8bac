import { fetchPlayAuth } from '@playauth/core';
import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import { advance } from './advance';
import { renderStrict } from './renderStrict';
import { type CountingEndpoint, startCountingEndpoint } from './startCountingEndpoint';

const VIDEO_ID = 'benchLongVideo01';
const HOUR_MS = 3600_000;
// Long enough to be watched for three hours without ending.
const videos = { [VIDEO_ID]: { title: 'A long lecture', duration: 4 * 3600 } };

/** What {@link measureUpstreamCalls} watches. */
export interface UpstreamCallsOptions {
  /** AuthInfoTimeout the provider asks for, seconds. */
  authInfoTimeout: number;
  /** Simulated viewing time, hours (the 7000 s `authkeyexpired` renewal needs more than 1.95). */
  hours: number;
}

/** Credential requests (one upstream GetVideoPlayAuth each behind a real handler) over a watch. */
export interface UpstreamCalls {
  /** Requests made by `<VodPlayer>` in the first hour. */
  firstHour: number;
  /** Requests made by `<VodPlayer>` over the whole watch. */
  total: number;
  /** `onCredentialRenewed` calls over the whole watch. */
  renewals: number;
  /** The player's position at the end, seconds (the video must have played throughout). */
  position: number;
  /** The player's status at the end (`'playing'` when nothing broke). */
  status: string;
  /** Requests in one hour of the naive design: refetch every validity window. */
  naiveFirstHour: number;
}

/**
 * Figure 2 and its invariant: `<VodPlayer>` (StrictMode, a fresh QueryClient) with
 * `FakeAliplayer` playing a 4 h video continuously for `hours` simulated hours under fake timers;
 * credential requests are counted at an in-process msw endpoint by request time. Then the naive
 * loop for one hour on the same endpoint. Runs inside Vitest with jsdom; restores real timers.
 *
 * @example
 * const watch = await measureUpstreamCalls({ authInfoTimeout: 100, hours: 1 });
 * expect(watch.firstHour).toBeLessThanOrEqual(2);
 */
export async function measureUpstreamCalls(options: UpstreamCallsOptions): Promise<UpstreamCalls> {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  const endpoint = startCountingEndpoint(videos);
  FakeAliplayer.reset();
  // One simulated second per timeupdate keeps three simulated hours cheap.
  FakeAliplayer.configure({ videos, tickMs: 1000 });
  try {
    const watch = await watchWithVodPlayer(endpoint, options);
    endpoint.reset();
    const naiveFirstHour = await watchNaively(endpoint, options.authInfoTimeout);
    return { ...watch, naiveFirstHour };
  } finally {
    endpoint.close();
    FakeAliplayer.reset();
    vi.useRealTimers();
  }
}

async function watchWithVodPlayer(
  endpoint: CountingEndpoint,
  { authInfoTimeout, hours }: UpstreamCallsOptions,
): Promise<Omit<UpstreamCalls, 'naiveFirstHour'>> {
  let renewals = 0;
  const started = Date.now();
  const unmount = renderStrict(
    <PlayAuthProvider
      endpoint={endpoint.endpoint}
      authInfoTimeout={authInfoTimeout}
      queryClient={new QueryClient()}
    >
      <VodPlayer
        videoId={VIDEO_ID}
        sdk={FakeAliplayer}
        autoplay
        muted
        onCredentialRenewed={() => renewals++}
      />
    </PlayAuthProvider>,
  );
  await advance(hours * HOUR_MS - 1);
  const player = FakeAliplayer.latest;
  const times = endpoint.times();
  const result = {
    firstHour: times.filter((at) => at - started < HOUR_MS).length,
    total: times.length,
    renewals,
    position: player?.getCurrentTime() ?? Number.NaN,
    status: player?.getStatus() ?? 'none',
  };
  unmount();
  return result;
}

/** The naive design: fetch, then fetch again every validity window while the video is watched. */
async function watchNaively(endpoint: CountingEndpoint, authInfoTimeout: number): Promise<number> {
  const fetchOne = () =>
    fetchPlayAuth({ endpoint: endpoint.endpoint, videoId: VIDEO_ID, authInfoTimeout }).catch(
      () => undefined,
    );
  void fetchOne();
  const timer = setInterval(fetchOne, authInfoTimeout * 1000);
  await advance(HOUR_MS - 1);
  clearInterval(timer);
  return endpoint.count();
}
