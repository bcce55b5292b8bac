import { fetchPlayAuth } from '@playauth/core';
import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { QueryClient } from '@tanstack/react-query';
import { act, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, test, vi } from 'vitest';
import { type FigureRow, row } from '../FigureRow';
import { advance } from './advance';
import { recordRows } from './recordRows';
import { type CountingEndpoint, startCountingEndpoint } from './startCountingEndpoint';

let endpoint: CountingEndpoint;
beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  endpoint = startCountingEndpoint();
  FakeAliplayer.reset();
});
afterEach(() => {
  endpoint.close();
  FakeAliplayer.reset();
  vi.useRealTimers();
});

/** The naive player: each one fetches its own credential in an effect (aborted on cleanup). */
function NaivePlayer({ endpoint: url, videoId }: { endpoint: string; videoId: string }) {
  useEffect(() => {
    const controller = new AbortController();
    fetchPlayAuth({ endpoint: url, videoId, signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }, [url, videoId]);
  return null;
}

/** Credential requests of `videoIds.length` naive players in StrictMode. */
async function mountNaive(videoIds: string[]): Promise<number> {
  endpoint.reset();
  const element = document.createElement('div');
  document.body.append(element);
  const root = createRoot(element);
  act(() =>
    root.render(
      <StrictMode>
        {videoIds.map((videoId, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; the same id repeats
          <NaivePlayer key={i} endpoint={endpoint.endpoint} videoId={videoId} />
        ))}
      </StrictMode>,
    ),
  );
  await advance(5000, 1000);
  act(() => root.unmount());
  element.remove();
  return endpoint.count();
}

interface Mounted {
  requests: number;
  playing: number;
  players: number;
}

/**
 * Mounts `videoIds.length` `<VodPlayer>`s in StrictMode under one provider (the app's one
 * QueryClient), lets 30 s pass (every player loads and plays), and counts credential requests.
 */
async function mountPlayers(videoIds: string[]): Promise<Mounted> {
  endpoint.reset();
  const element = document.createElement('div');
  document.body.append(element);
  const root = createRoot(element);
  act(() =>
    root.render(
      <StrictMode>
        <PlayAuthProvider endpoint={endpoint.endpoint} queryClient={new QueryClient()}>
          {videoIds.map((videoId, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; the same id repeats
            <VodPlayer key={i} videoId={videoId} sdk={FakeAliplayer} autoplay muted />
          ))}
        </PlayAuthProvider>
      </StrictMode>,
    ),
  );
  await advance(30_000, 1000);
  const players = FakeAliplayer.instances;
  const result = {
    requests: endpoint.count(),
    playing: players.filter((player) => player.getStatus() === 'playing').length,
    players: players.length,
  };
  act(() => root.unmount());
  element.remove();
  return result;
}

test('figure 3: credential requests with many players, StrictMode', async () => {
  const rows: FigureRow[] = [];
  for (const [index, count] of [1, 10, 100].entries()) {
    const ids = Array.from({ length: count }, () => 'benchSameVideo01');
    const result = await mountPlayers(ids);
    const naive = await mountNaive(ids);
    rows.push(
      row({
        id: `3${'abc'[index]}`,
        figure: `Credential requests, ${count} player(s) of one video mounted (StrictMode)`,
        ours: result.requests,
        baseline: naive,
        unit: 'requests',
        target: '1',
        invariant: true,
        check: (v) => v === 1 && result.playing === count,
        note:
          index === 0
            ? `baseline: a player fetching its own credential in an effect (StrictMode runs it twice); ${result.playing}/${count} playing`
            : `${result.playing}/${count} players playing`,
      }),
    );
  }
  const distinct = Array.from({ length: 10 }, (_, i) => `benchVideo${String(i).padStart(2, '0')}`);
  const result = await mountPlayers(distinct);
  const naive = await mountNaive(distinct);
  rows.push(
    row({
      id: '3d',
      figure: 'Credential requests, 10 distinct videos mounted (StrictMode)',
      ours: result.requests,
      baseline: naive,
      unit: 'requests',
      target: '10',
      invariant: true,
      check: (v) => v === 10 && result.playing === 10,
      note: `${result.playing}/10 players playing`,
    }),
  );
  recordRows('credentialRequests', rows);
});
