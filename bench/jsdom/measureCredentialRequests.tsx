import { fetchPlayAuth } from '@playauth/core';
import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { vi } from 'vitest';
import { advance } from './advance';
import { renderStrict } from './renderStrict';
import { type CountingEndpoint, startCountingEndpoint } from './startCountingEndpoint';

/** What {@link measureCredentialRequests} counted. */
export interface CredentialRequests {
  /** Credential requests of the `<VodPlayer>`s under one provider. */
  requests: number;
  /** Players in `playing` 30 s after mounting. */
  playing: number;
  /** Players constructed. */
  players: number;
  /** Credential requests of the same number of naive players (each fetches in an effect). */
  naive: number;
}

/**
 * Figure 3 and its invariant: mounts one `<VodPlayer>` (StrictMode, `FakeAliplayer`) per entry of
 * `videoIds` under one `PlayAuthProvider`, lets 30 simulated seconds pass and counts the
 * credential requests an in-process msw endpoint answered; then the same with naive players.
 * Runs inside Vitest with jsdom; uses fake timers and restores real ones.
 *
 * @example
 * const { requests } = await measureCredentialRequests(['v1', 'v1']);
 * expect(requests).toBe(1);
 */
export async function measureCredentialRequests(videoIds: string[]): Promise<CredentialRequests> {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  const endpoint = startCountingEndpoint();
  FakeAliplayer.reset();
  try {
    const mounted = await mountPlayers(endpoint, videoIds);
    const naive = await mountNaive(endpoint, videoIds);
    return { ...mounted, naive };
  } finally {
    endpoint.close();
    FakeAliplayer.reset();
    vi.useRealTimers();
  }
}

/** The naive player: each one fetches its own credential in an effect (aborted on cleanup). */
function NaivePlayer({ endpoint: url, videoId }: { endpoint: string; videoId: string }) {
  useEffect(() => {
    const controller = new AbortController();
    fetchPlayAuth({ endpoint: url, videoId, signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }, [url, videoId]);
  return null;
}

async function mountNaive(endpoint: CountingEndpoint, videoIds: string[]): Promise<number> {
  endpoint.reset();
  const unmount = renderStrict(
    videoIds.map((videoId, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; the same id repeats
      <NaivePlayer key={i} endpoint={endpoint.endpoint} videoId={videoId} />
    )),
  );
  await advance(5000, 1000);
  unmount();
  return endpoint.count();
}

async function mountPlayers(
  endpoint: CountingEndpoint,
  videoIds: string[],
): Promise<Omit<CredentialRequests, 'naive'>> {
  endpoint.reset();
  const unmount = renderStrict(
    <PlayAuthProvider endpoint={endpoint.endpoint} queryClient={new QueryClient()}>
      {videoIds.map((videoId, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; the same id repeats
        <VodPlayer key={i} videoId={videoId} sdk={FakeAliplayer} autoplay muted />
      ))}
    </PlayAuthProvider>,
  );
  await advance(30_000, 1000);
  const players = FakeAliplayer.instances;
  const result = {
    requests: endpoint.count(),
    playing: players.filter((player) => player.getStatus() === 'playing').length,
    players: players.length,
  };
  unmount();
  return result;
}
