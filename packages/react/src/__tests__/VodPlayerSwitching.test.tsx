import { playerPool } from '@playauth/core';
import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import {
  type PlayAuthFailure,
  type PlayAuthRequestInfo,
  playAuthHandlers,
} from '@playauth/testing/msw';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';
import { VodPlayer } from '../VodPlayer';
import { ENDPOINT, renderPlayer, VIDEOS } from './VodPlayerHarness';

// Feed-scale rules of issue 16 on FakeAliplayer: the player pool across mounts, no old video under
// a new state, rapid switching. The same rules run on the real SDK in e2e/feed.test.ts.

const server = setupServer();
const requests: string[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  FakeAliplayer.reset();
  vi.useRealTimers();
  requests.length = 0;
});
afterAll(() => server.close());

function endpoint(
  videos: typeof VIDEOS | Record<string, { title: string; duration: number }> = VIDEOS,
  options: {
    fail?: (info: PlayAuthRequestInfo) => PlayAuthFailure | undefined;
    delayMs?: (info: PlayAuthRequestInfo) => number;
  } = {},
) {
  FakeAliplayer.configure({ videos });
  server.use(
    ...playAuthHandlers({
      endpoint: ENDPOINT,
      videos,
      failures: options.fail,
      delayMs: options.delayMs,
      onRequest: ({ videoId }) => requests.push(videoId),
    }),
  );
}

const status = () => screen.getByRole('region').getAttribute('data-status');
const live = () => FakeAliplayer.instances;

describe('VodPlayer: player pool', () => {
  it('reuses one SDK player across mounts (StrictMode), each mount playing its own video', async () => {
    endpoint();
    const client = createTestQueryClient();
    const { rerender, unmount } = renderPlayer(
      <VodPlayer key="a" videoId="v1" autoplay muted />,
      client,
      { strict: true },
    );
    await waitFor(() => expect(status()).toBe('playing'));
    const player = FakeAliplayer.latest;
    for (const [index, videoId] of ['v2', 'v1', 'v2', 'v1'].entries()) {
      // A new key: React unmounts the old <VodPlayer> and mounts another.
      rerender(<VodPlayer key={String(index)} videoId={videoId} autoplay muted />);
      await waitFor(() => expect(status()).toBe('playing'));
      expect(FakeAliplayer.latest?.getOptions().vid).toBe(videoId);
    }
    expect(FakeAliplayer.created).toBe(1);
    expect(live()).toEqual([player]);
    unmount();
    // The last provider unmounted: the pool is drained.
    expect(playerPool.idle).toHaveLength(0);
    expect(live()).toHaveLength(0);
  });

  it('playerPool={0} turns reuse off: each mount builds a player, unmount disposes it', async () => {
    endpoint();
    const client = createTestQueryClient();
    const { rerender } = renderPlayer(<VodPlayer key="a" videoId="v1" />, client, {
      playerPool: 0,
    });
    await waitFor(() => expect(status()).toBe('ready'));
    rerender(<VodPlayer key="b" videoId="v2" />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(FakeAliplayer.created).toBe(2);
    expect(live()).toHaveLength(1);
  });

  it('a provider without players never holds the pool (the hook path has no pool code)', () => {
    const { unmount } = render(
      <PlayAuthProvider endpoint={ENDPOINT} playerPool={3}>
        <p>no player</p>
      </PlayAuthProvider>,
    );
    expect(playerPool.size).toBe(0);
    unmount();
    expect(playerPool.size).toBe(0);
  });

  it('nested providers: the pool lives until the outermost one unmounts; playerPool changes resize it', async () => {
    endpoint();
    const client = createTestQueryClient();
    const tree = (inner: boolean, size?: number) => (
      <PlayAuthProvider
        endpoint={ENDPOINT}
        queryClient={client}
        sdk={FakeAliplayer}
        playerPool={size}
      >
        {inner ? (
          <PlayAuthProvider authInfoTimeout={300}>
            <VodPlayer videoId="v1" />
          </PlayAuthProvider>
        ) : null}
      </PlayAuthProvider>
    );
    const { rerender, unmount } = render(tree(true));
    await waitFor(() => expect(status()).toBe('ready'));
    expect(playerPool.size).toBe(2);
    // The inner provider and its player go: the player waits in the pool for the next mount.
    rerender(tree(false));
    expect(playerPool.idle).toHaveLength(1);
    rerender(tree(true));
    // A reused player reads paused (it has played nothing yet), a new one ready.
    await waitFor(() => expect(status()).toBe('paused'));
    expect(FakeAliplayer.created).toBe(1);
    rerender(tree(true, 1));
    await waitFor(() => expect(playerPool.size).toBe(1));
    unmount();
    expect(playerPool.size).toBe(0);
    expect(playerPool.idle).toHaveLength(0);
    expect(live()).toHaveLength(0);
  });
});

describe('VodPlayer: never the old video under a new state', () => {
  it.each([
    ['notFound', 'This video could not be found.'],
    ['notReady', 'This video is still processing.'],
    ['serverError', 'The video service could not be reached.'],
    ['network', 'The video service could not be reached.'],
  ] as const)(
    'switching to a video that fails (%s) stops the old one at once; retry plays the new one',
    async (failure, text) => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      let failing = true;
      endpoint(VIDEOS, {
        fail: ({ videoId }) => (failing && videoId === 'v2' ? failure : undefined),
      });
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const client = createTestQueryClient();
      const { rerender } = renderPlayer(<VodPlayer videoId="v1" autoplay muted />, client);
      await waitFor(() => expect(status()).toBe('playing'));
      const player = FakeAliplayer.latest;

      rerender(<VodPlayer videoId="v2" autoplay muted />);
      // Before any answer: the old video is already paused and the state is the new video's.
      expect(player?.getStatus()).not.toBe('playing');
      expect(status()).toBe('creating');
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(await screen.findByRole('alert')).toHaveTextContent(text);
      expect(status()).toBe('error');
      expect(player?.getStatus()).not.toBe('playing');
      expect(player?.getOptions().vid).toBe('v1');

      failing = false;
      await user.click(within(screen.getByRole('alert')).getByRole('button'));
      await waitFor(() => expect(status()).toBe('playing'));
      expect(FakeAliplayer.latest?.getOptions().vid).toBe('v2');
      expect(FakeAliplayer.latest?.playInfo?.title).toBe('Second video');
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    },
  );

  it('switching back to the video the player still holds plays it again', async () => {
    endpoint(VIDEOS, { fail: ({ videoId }) => (videoId === 'v2' ? 'notFound' : undefined) });
    const client = createTestQueryClient();
    const { rerender } = renderPlayer(<VodPlayer videoId="v1" autoplay muted />, client);
    await waitFor(() => expect(status()).toBe('playing'));
    rerender(<VodPlayer videoId="v2" autoplay muted />);
    await screen.findByRole('alert');
    rerender(<VodPlayer videoId="v1" autoplay muted />);
    await waitFor(() => expect(status()).toBe('playing'));
    expect(FakeAliplayer.latest?.getStatus()).toBe('playing');
    expect(FakeAliplayer.latest?.getOptions().vid).toBe('v1');
    expect(FakeAliplayer.created).toBe(1);
  });

  it('an SDK error of the new video shows with the old video gone; retry plays the new one', async () => {
    endpoint();
    const user = userEvent.setup();
    const { rerender } = renderPlayer(
      <VodPlayer videoId="v1" autoplay muted />,
      createTestQueryClient(),
    );
    await waitFor(() => expect(status()).toBe('playing'));
    rerender(<VodPlayer videoId="v2" autoplay muted />);
    await waitFor(() => expect(FakeAliplayer.latest?.getOptions().vid).toBe('v2'));
    act(() => FakeAliplayer.latest?.simulateError(4500, 'The video does not exist.'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This video could not be found.');
    expect(status()).toBe('error');
    expect(FakeAliplayer.latest?.getStatus()).not.toBe('playing');
    await user.click(within(screen.getByRole('alert')).getByRole('button'));
    await waitFor(() => expect(status()).toBe('playing'));
    expect(FakeAliplayer.latest?.playInfo?.title).toBe('Second video');
  });

  it('keeps whatever the SDK draws under the alert (its own stacking context)', async () => {
    endpoint();
    FakeAliplayer.enforceLicense = true;
    renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient());
    const alert = await screen.findByRole('alert');
    const container = FakeAliplayer.latest?.container.parentElement as HTMLElement;
    expect(container.style.isolation).toBe('isolate');
    expect(container.style.zIndex).toBe('');
    // The alert comes after the SDK's container: painted on top of its whole stacking context.
    expect(
      container.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(status()).toBe('error');
  });
});

describe('VodPlayer: rapid switching', () => {
  it('20 switches in 2 s, answers out of order and some failing: only the last id plays', async () => {
    const ids = Array.from({ length: 20 }, (_, index) => `r${String(index).padStart(2, '0')}`);
    const catalog = Object.fromEntries(
      ids.map((id) => [id, { title: `Video ${id}`, duration: 600 }]),
    );
    // Later ids answer sooner (out of order); every third one but the last fails.
    endpoint(catalog, {
      delayMs: ({ videoId }) => 20 + (19 - ids.indexOf(videoId)) * 15,
      fail: ({ videoId }) => (ids.indexOf(videoId) % 3 === 2 ? 'serverError' : undefined),
    });
    const played: Array<{ videoId: string; at: number }> = [];
    const switchedAt = new Map<string, number>();
    const stillPlaying: string[] = [];
    const { rerender } = renderPlayer(
      <VodPlayer videoId={ids[0] as string} autoplay muted />,
      createTestQueryClient(),
    );
    switchedAt.set(ids[0] as string, performance.now());
    await waitFor(() => expect(FakeAliplayer.latest).toBeDefined());
    const player = FakeAliplayer.latest as FakeAliplayer;
    player.on('playing', () =>
      played.push({ videoId: String(player.getOptions().vid), at: performance.now() }),
    );
    for (const id of ids.slice(1)) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
      switchedAt.set(id, performance.now());
      rerender(<VodPlayer videoId={id} autoplay muted />);
      // Right after the switch, whatever still plays is not another video.
      if (player.getStatus() === 'playing' && player.getOptions().vid !== id) {
        stillPlaying.push(`${player.getOptions().vid} after the switch to ${id}`);
      }
    }
    const last = ids.at(-1) as string;
    await waitFor(() => expect(status()).toBe('playing'), { timeout: 5_000 });
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));

    expect(live()).toHaveLength(1);
    expect(live().filter((p) => p.getStatus() === 'playing')).toHaveLength(1);
    expect(FakeAliplayer.latest?.getOptions().vid).toBe(last);
    expect(status()).toBe('playing');
    // No video plays once a later one was asked for.
    expect(stillPlaying).toEqual([]);
    for (const { videoId, at } of played) {
      const next = ids[ids.indexOf(videoId) + 1];
      if (next) expect(at).toBeLessThan(switchedAt.get(next) as number);
    }
    expect(played.at(-1)?.videoId).toBe(last);
    // At most one credential request per distinct id.
    const counts = new Map<string, number>();
    for (const id of requests) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBe(1);
  }, 20_000);
});

describe('VodPlayer: StrictMode with the pool', () => {
  it('builds one player in StrictMode and hands it back once on unmount', async () => {
    endpoint();
    const client = createTestQueryClient();
    const { unmount } = renderPlayer(
      <StrictMode>
        <VodPlayer videoId="v1" />
      </StrictMode>,
      client,
    );
    await waitFor(() => expect(status()).toBe('ready'));
    expect(FakeAliplayer.created).toBe(1);
    unmount();
    expect(live()).toHaveLength(0);
    expect(playerPool.idle).toHaveLength(0);
  });
});
