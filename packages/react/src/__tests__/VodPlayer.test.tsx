import {
  type AliplayerConstructor,
  type PlayAuthCredential,
  parsePlayAuthResponse,
} from '@playauth/core';
import { createPlayAuthBody, createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import { act, screen, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { VodPlayer, type VodPlayerHandle } from '../VodPlayer';
import { deferred, ENDPOINT, renderPlayer, setupCatalogBackend, VIDEOS } from './VodPlayerHarness';

const { server, requests } = setupCatalogBackend();

const region = () => screen.getByRole('region');
const status = () => region().getAttribute('data-status');

function credentialFor(videoId: keyof typeof VIDEOS): PlayAuthCredential {
  const body = createPlayAuthBody(videoId, { video: VIDEOS[videoId] });
  return parsePlayAuthResponse(body, { videoId, authInfoTimeout: 100, issuedAt: Date.now() });
}

describe('VodPlayer: rendering before the player', () => {
  it('shows cover, title and duration from VideoMeta before the player is ready', async () => {
    const sdk = deferred<AliplayerConstructor>();
    renderPlayer(
      <VodPlayer videoId="v1" title="Prop title" cover="https://img.example.com/prop.jpg" />,
      createTestQueryClient(),
      { sdk: () => sdk.promise },
    );
    // Before the credential: the props, in a region labelled by the title.
    expect(screen.getByRole('region', { name: 'Prop title' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Prop title' })).toHaveAttribute(
      'src',
      'https://img.example.com/prop.jpg',
    );
    // The credential's VideoMeta replaces them while the SDK is still loading.
    expect(await screen.findByRole('region', { name: 'First video' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'First video' })).toHaveAttribute(
      'src',
      'https://img.example.com/v1.jpg',
    );
    expect(screen.getByText('10:00')).toHaveAttribute('datetime', 'PT600S');
    expect(FakeAliplayer.created).toBe(0);

    sdk.resolve(FakeAliplayer);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(FakeAliplayer.created).toBe(1);
  });

  it('formats long durations as h:mm:ss and drops unsafe cover URLs', async () => {
    const sdk = deferred<AliplayerConstructor>();
    renderPlayer(
      <VodPlayer videoId="v2" title="Unsafe" cover="javascript:alert(1)" showTitle={false} />,
      createTestQueryClient(),
      { sdk: () => sdk.promise },
    );
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(await screen.findByText('1:02:05')).toBeInTheDocument();
    // showTitle={false}: the title labels the region and the cover, but is not printed.
    expect(screen.getByRole('region', { name: 'Second video' })).toBeInTheDocument();
    expect(screen.queryByText('Second video')).not.toBeInTheDocument();
  });

  it('sizes itself by aspect ratio by default, or by width and height', () => {
    const client = createTestQueryClient();
    const { rerender } = renderPlayer(<VodPlayer videoId="v1" load="interaction" />, client);
    expect(region().style.aspectRatio).toMatch(/^1\.77/);
    expect(region().style.width).toBe('100%');
    rerender(<VodPlayer videoId="v1" load="interaction" width={640} height={360} className="x" />);
    expect(region().style.aspectRatio).toBe('');
    expect(region()).toHaveStyle({ width: '640px', height: '360px' });
    expect(region()).toHaveClass('x');
  });
});

describe('VodPlayer: loading', () => {
  it('starts the SDK load and the credential fetch together', async () => {
    const sdk = deferred<AliplayerConstructor>();
    const credential = deferred<PlayAuthCredential>();
    const loader = vi.fn(() => sdk.promise);
    const fetcher = vi.fn(() => credential.promise);
    renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient(), { sdk: loader, fetcher });
    // Neither has resolved, yet both have started: neither waits for the other.
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(1));
    expect(loader).toHaveBeenCalledTimes(1);

    credential.resolve(credentialFor('v1'));
    sdk.resolve(FakeAliplayer);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(FakeAliplayer.latest?.getOptions()).toMatchObject({
      vid: 'v1',
      autoplay: false,
      trackLog: false,
      disableTrack: true,
    });
  });

  it('loads the SDK once for many players, each with its own lifecycle', async () => {
    const loader = vi.fn(async () => FakeAliplayer);
    const { rerender } = renderPlayer(
      <>
        <VodPlayer videoId="v1" />
        <VodPlayer videoId="v2" />
        <VodPlayer videoId="v1" />
      </>,
      createTestQueryClient(),
      // Without reuse: the dropped player is disposed (VodPlayerSwitching tests the pool).
      { sdk: loader, playerPool: 0 },
    );
    await waitFor(() => expect(FakeAliplayer.instances).toHaveLength(3));
    expect(loader).toHaveBeenCalledTimes(1);
    // One credential request per video, shared by the two players of v1.
    expect(requests.sort()).toEqual(['v1', 'v2']);
    const [first, second, third] = FakeAliplayer.instances;
    expect(new Set([first?.container, second?.container, third?.container]).size).toBe(3);

    rerender(
      <>
        <VodPlayer videoId="v1" />
        <VodPlayer videoId="v1" />
      </>,
    );
    // Which fiber React drops is its business; what matters is that one player went and the
    // others still play.
    await waitFor(() => expect(FakeAliplayer.instances).toHaveLength(2));
    await waitFor(() => {
      const states = screen.getAllByRole('region').map((r) => r.getAttribute('data-status'));
      expect(states.every((state) => state === 'ready' || state === 'paused')).toBe(true);
    });
    for (const player of FakeAliplayer.instances) player.play();
    await waitFor(() =>
      expect(FakeAliplayer.instances.every((p) => p.getStatus() === 'playing')).toBe(true),
    );
  });
});

describe('VodPlayer: StrictMode and unmount', () => {
  it('builds exactly one player per VodPlayer in StrictMode, without uncaught errors', async () => {
    const uncaught = vi.fn();
    FakeAliplayer.onUncaughtError = uncaught;
    renderPlayer(<VodPlayer videoId="v1" autoplay muted />, createTestQueryClient(), {
      strict: true,
    });
    await waitFor(() => expect(status()).toBe('playing'));
    expect(FakeAliplayer.instances).toHaveLength(1);
    expect(FakeAliplayer.created).toBe(1);
    expect(requests).toEqual(['v1']);
    expect(uncaught).not.toHaveBeenCalled();
  });

  it('disposes the player, its listeners and every timer on unmount', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const client = createTestQueryClient();
    const { unmount, container } = renderPlayer(<VodPlayer videoId="v1" autoplay muted />, client);
    await waitFor(() => expect(status()).toBe('playing'));
    const player = FakeAliplayer.latest;
    expect(player?.listenerCount()).toBeGreaterThan(0);
    const element = player?.container;

    unmount();
    expect(FakeAliplayer.instances).toHaveLength(0);
    expect(player?.listenerCount()).toBe(0);
    expect(element?.classList.contains('prism-player')).toBe(false);
    // The QueryClient's cache belongs to the app; everything else must be gone.
    client.clear();
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(container.innerHTML).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('VodPlayer: props applied to the running player', () => {
  it('applies muted live, without re-creating the player', async () => {
    const { rerender } = renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient());
    await waitFor(() => expect(status()).toBe('ready'));
    const player = FakeAliplayer.latest;
    expect(player?.muted).toBe(false);
    rerender(<VodPlayer videoId="v1" muted />);
    await waitFor(() => expect(player?.muted).toBe(true));
    rerender(<VodPlayer videoId="v1" muted={false} />);
    await waitFor(() => expect(player?.muted).toBe(false));
    expect(FakeAliplayer.created).toBe(1);
  });

  it('re-creates the player when an init-only option changes, not for equal inline objects', async () => {
    const { rerender } = renderPlayer(
      <VodPlayer videoId="v1" options={{ controlBarVisibility: 'hover' }} />,
      createTestQueryClient(),
      { playerPool: 0 },
    );
    await waitFor(() => expect(status()).toBe('ready'));
    rerender(<VodPlayer videoId="v1" options={{ controlBarVisibility: 'hover' }} />);
    rerender(<VodPlayer videoId="v1" options={{ controlBarVisibility: 'always' }} />);
    await waitFor(() => expect(FakeAliplayer.created).toBe(2));
    expect(FakeAliplayer.instances).toHaveLength(1);
    expect(FakeAliplayer.latest?.getOptions()).toMatchObject({
      vid: 'v1',
      controlBarVisibility: 'always',
    });
    expect(requests).toEqual(['v1']);
  });

  it('switches videos on the running player and never plays the old credential', async () => {
    const slow = deferred<void>();
    server.use(
      ...playAuthHandlers({
        endpoint: ENDPOINT,
        videos: VIDEOS,
        delayMs: ({ videoId }) => (videoId === 'v2' ? 50 : 0),
        onRequest: ({ videoId }) => {
          requests.push(videoId);
          if (videoId === 'v2') slow.resolve();
        },
      }),
    );
    const client = createTestQueryClient();
    const { rerender } = renderPlayer(<VodPlayer videoId="v1" autoplay muted />, client);
    await waitFor(() => expect(status()).toBe('playing'));
    const player = FakeAliplayer.latest;
    if (!player) throw new Error('no player');
    const replay = vi.spyOn(player, 'replayByVidAndPlayAuth');

    rerender(<VodPlayer videoId="v2" autoplay muted />);
    await slow.promise;
    // While v2's credential is on its way, nothing is handed to the player.
    expect(replay).not.toHaveBeenCalled();
    await waitFor(() => expect(replay).toHaveBeenCalledTimes(1));
    const v2 = client.getQueryData<PlayAuthCredential>(['playauth', ENDPOINT, 'v2', 100]);
    expect(replay).toHaveBeenCalledWith('v2', v2?.playAuth);
    expect(await screen.findByRole('region', { name: 'Second video' })).toBeInTheDocument();
    await waitFor(() => expect(player.playInfo?.title).toBe('Second video'));
    expect(FakeAliplayer.created).toBe(1);
  });
});

describe('VodPlayer: handle', () => {
  it('exposes player, play, pause, seek, getCurrentTime and renew', async () => {
    const ref = createRef<VodPlayerHandle>();
    const onPlay = vi.fn();
    const onPause = vi.fn();
    const onCredentialRenewed = vi.fn();
    renderPlayer(
      <VodPlayer
        ref={ref}
        videoId="v1"
        muted
        onPlay={onPlay}
        onPause={onPause}
        onCredentialRenewed={onCredentialRenewed}
      />,
      createTestQueryClient(),
    );
    expect(ref.current?.player).toBeUndefined();
    expect(ref.current?.getCurrentTime()).toBe(0);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(ref.current?.player).toBe(FakeAliplayer.latest);

    act(() => ref.current?.play());
    await waitFor(() => expect(status()).toBe('playing'));
    expect(onPlay).toHaveBeenCalled();
    act(() => ref.current?.seek(42));
    expect(ref.current?.getCurrentTime()).toBeCloseTo(42, 0);
    act(() => ref.current?.pause());
    await waitFor(() => expect(status()).toBe('paused'));
    expect(onPause).toHaveBeenCalled();

    await act(() => ref.current?.renew());
    await waitFor(() => expect(onCredentialRenewed).toHaveBeenCalledTimes(1));
    expect(onCredentialRenewed.mock.calls[0]?.[0]).toMatchObject({ videoId: 'v1' });
    expect(ref.current?.getCurrentTime()).toBeCloseTo(42, 0);
    expect(status()).toBe('paused');
    expect(FakeAliplayer.created).toBe(1);
  });
});
